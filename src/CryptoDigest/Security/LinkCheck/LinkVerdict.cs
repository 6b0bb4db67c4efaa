using System.Text.Json.Serialization;

namespace CryptoDigest.Security.LinkCheck;

/// <summary>
/// The checker's answer about one address: its verdict, every reason in plain words, and the real
/// domain when the address imitates one. Serialized as one JSON line by the Host verb.
/// </summary>
public sealed record LinkVerdict(
    [property: JsonPropertyName("input"), JsonPropertyOrder(0)] string Input,
    [property: JsonIgnore] LinkRisk Risk,
    [property: JsonPropertyName("reasons"), JsonPropertyOrder(2)] IReadOnlyList<string> Reasons,
    [property: JsonPropertyName("lookalikeOf"), JsonPropertyOrder(3)] string? LookalikeOf,
    [property: JsonIgnore] string? Host)
{
    [JsonPropertyName("verdict")]
    [JsonPropertyOrder(1)]
    public string Verdict => Word(Risk);

    [JsonIgnore]
    public bool IsFlagged => Risk != LinkRisk.SafeLooking;

    public static string Word(LinkRisk risk) => risk switch
    {
        LinkRisk.KnownBad => "known-bad",
        LinkRisk.Suspicious => "suspicious",
        _ => "safe-looking",
    };
}
