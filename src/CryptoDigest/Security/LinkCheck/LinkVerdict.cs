using System.Text.Json.Serialization;

namespace CryptoDigest.Security.LinkCheck;

/// <summary>
/// The checker's answer about one address: its verdict, every reason as a key and values (worded in the
/// reply's language by <see cref="LinkCheckReplies"/>), and the real domain when the address imitates one.
/// Serialized as one JSON line by the Host verb, with the reasons in English.
/// </summary>
public sealed record LinkVerdict(
    [property: JsonPropertyName("input"), JsonPropertyOrder(0)] string Input,
    [property: JsonIgnore] LinkRisk Risk,
    [property: JsonIgnore] IReadOnlyList<LinkReason> Reasons,
    [property: JsonPropertyName("lookalikeOf"), JsonPropertyOrder(3)] string? LookalikeOf,
    [property: JsonIgnore] string? Host)
{
    [JsonPropertyName("verdict")]
    [JsonPropertyOrder(1)]
    public string Verdict => Word(Risk);

    /// <summary>The reasons in English: what the JSON output and the command line print.</summary>
    [JsonPropertyName("reasons")]
    [JsonPropertyOrder(2)]
    public IReadOnlyList<string> EnglishReasons => [.. Reasons.Select(r => r.English)];

    [JsonIgnore]
    public bool IsFlagged => Risk != LinkRisk.SafeLooking;

    public static string Word(LinkRisk risk) => risk switch
    {
        LinkRisk.KnownBad => "known-bad",
        LinkRisk.Suspicious => "suspicious",
        _ => "safe-looking",
    };
}
