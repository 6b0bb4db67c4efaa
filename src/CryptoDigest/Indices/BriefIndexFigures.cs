using System.Globalization;
using CryptoDigest.Replies;

namespace CryptoDigest.Indices;

/// <summary>
/// The figures of the index line under the brief (Briefs:IndexLine), computed once per edition and stored with it, so
/// each chat reads the same figures worded in its own language.
/// </summary>
/// <param name="BitcoinWeight">Bitcoin's weight in the cap-weighted top <paramref name="Top"/>, as a fraction.</param>
/// <param name="ChangePoints">The change of that weight since the day before, in percentage points.</param>
public sealed record BriefIndexFigures(double BitcoinWeight, int Top, DateOnly Date, double ChangePoints, MarketDataSource Source)
{
    /// <summary>The line in a language; the figures and dates are formatted the same way in every language.</summary>
    public string Describe(ReplyTexts texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Format("Index.BriefLine", IndexTables.Percent(BitcoinWeight), Top, Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ChangePoints.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture), Source.Describe(texts));
    }
}
