using System.Text.RegularExpressions;

namespace CryptoDigest.Tests.Deploy;

/// <summary>
/// The metric names a PromQL expression reads: what is left once strings, label matchers, ranges, grouping
/// clauses and Grafana variables are taken out, less the functions (a name before "(") and the keywords.
/// </summary>
internal static partial class PromQl
{
    private static readonly HashSet<string> Keywords = ["and", "or", "unless", "offset", "bool", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan"];

    public static IReadOnlySet<string> MetricNames(string expression)
    {
        var bare = GrafanaVariable().Replace(expression, " ");
        bare = StringLiteral().Replace(bare, " ");
        bare = LabelMatchers().Replace(bare, " ");
        bare = Range().Replace(bare, " ");
        bare = Grouping().Replace(bare, " ");
        return Identifier().Matches(bare)
            .Where(m => !m.Groups["call"].Success && !Keywords.Contains(m.Groups["name"].Value.ToLowerInvariant()))
            .Select(m => m.Groups["name"].Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\$\{?\w+\}?")]
    private static partial Regex GrafanaVariable();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Range();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    // A name not preceded by a letter, digit or dot (so "1h" and "0.95" give none), and whether a call follows.
    [GeneratedRegex(@"(?<![\w.])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifier();
}
