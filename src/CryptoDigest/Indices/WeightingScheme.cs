using System.Globalization;

namespace CryptoDigest.Indices;

/// <summary>A weighting scheme as written on the command line or in chat: cap, equal, sqrt or capped:P (P in percent).</summary>
public sealed record WeightingScheme(WeightingKind Kind, double CapPercent = 0)
{
    public static readonly WeightingScheme Cap = new(WeightingKind.Cap);
    public static readonly WeightingScheme Equal = new(WeightingKind.Equal);
    public static readonly WeightingScheme Sqrt = new(WeightingKind.Sqrt);

    /// <summary>The largest weight allowed, as a fraction (capped schemes only).</summary>
    public double CapFraction => CapPercent / 100.0;

    public static bool TryParse(string? text, out WeightingScheme scheme, out string error)
    {
        scheme = Cap;
        error = "";
        var value = (text ?? "").Trim().ToLowerInvariant();
        switch (value)
        {
            case "cap":
                return true;
            case "equal":
                scheme = Equal;
                return true;
            case "sqrt":
                scheme = Sqrt;
                return true;
        }

        if (value.StartsWith("capped:", StringComparison.Ordinal))
        {
            var number = value["capped:".Length..].TrimEnd('%');
            if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent)
                && double.IsFinite(percent) && percent > 0 && percent <= 100)
            {
                scheme = new WeightingScheme(WeightingKind.Capped, percent);
                return true;
            }

            error = $"the cap in '{text}' must be a percentage above 0 and at most 100, e.g. capped:25";
            return false;
        }

        error = $"unknown scheme '{text}': use cap, equal, sqrt or capped:P (P in percent, e.g. capped:25)";
        return false;
    }

    public override string ToString() => Kind switch
    {
        WeightingKind.Capped => "capped:" + CapPercent.ToString("0.####", CultureInfo.InvariantCulture),
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
