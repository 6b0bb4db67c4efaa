using System.Globalization;
using CryptoDigest.Replies;

namespace CryptoDigest.Indices;

/// <summary>The origin and date of the data behind an answer; every index answer states it.</summary>
public sealed record MarketDataSource(MarketDataOrigin Origin, DateTimeOffset AsOf, string? Note = null)
{
    public bool IsSample => Origin == MarketDataOrigin.Sample;

    /// <summary>One line for the member, e.g. "Data: CoinGecko, cached at 2026-11-30 12:04 UTC".</summary>
    public string Describe()
    {
        var at = AsOf.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var line = Origin switch
        {
            MarketDataOrigin.Live => $"Data: CoinGecko, live at {at}",
            MarketDataOrigin.Cached => $"Data: CoinGecko, cached at {at}",
            MarketDataOrigin.Sample => $"Data: bundled SAMPLE data dated {at} (illustrative values, not live prices)",
            _ => $"Data: supplied files, as of {at}",
        };
        return Note is null ? line : $"{line}; {Note}";
    }

    /// <summary>The same line in a reply's language; the note (why a refresh failed) is Indices' own diagnostic text.</summary>
    public string Describe(ReplyTexts texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var at = AsOf.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var line = texts.Format(Origin switch
        {
            MarketDataOrigin.Live => "Market.Source.Live",
            MarketDataOrigin.Cached => "Market.Source.Cached",
            MarketDataOrigin.Sample => "Market.Source.Sample",
            _ => "Market.Source.Files",
        }, at);
        return Note is null ? line : texts.Format("Market.Source.WithNote", line, Note);
    }
}
