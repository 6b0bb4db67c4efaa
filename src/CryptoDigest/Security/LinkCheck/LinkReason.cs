using CryptoDigest.Replies;

namespace CryptoDigest.Security.LinkCheck;

/// <summary>
/// One reason of a link check as a resource key (<c>LinkCheck.Reason.*</c> in ReplyTexts) and its values, so a
/// reply words it in its own language and the JSON output in English. A value is data (a host, a label, a count)
/// or a nested <see cref="LinkReason"/> (a phrase such as "the 'а' in 'binаnce' is Cyrillic"), worded in the same language.
/// </summary>
public sealed class LinkReason(string key, params IReadOnlyList<object> args) : IEquatable<LinkReason>
{
    /// <summary>The resource key, e.g. <c>LinkCheck.Reason.BareIp</c>.</summary>
    public string Key { get; } = key;

    /// <summary>The values filling the key's placeholders, in order.</summary>
    public IReadOnlyList<object> Args { get; } = args;

    /// <summary>The reason in English, as the JSON output and the logs carry it.</summary>
    public string English => In(ReplyTexts.English);

    /// <summary>The phrases joined by a key of two placeholders ("{0} and {1}"), left to right; null when there are none.</summary>
    public static LinkReason? Join(string key, IEnumerable<LinkReason> parts) =>
        parts.Aggregate((LinkReason?)null, (joined, part) => joined is null ? part : new LinkReason(key, joined, part));

    /// <summary>The reason worded in a language; the values are written as they are.</summary>
    public string In(ReplyTexts texts) => texts.Format(Key, [.. Args.Select(a => a is LinkReason part ? part.In(texts) : a)]);

    // Equal when key and values are: the checker drops a reason found twice (two brands, one trick).
    public bool Equals(LinkReason? other) => other is not null && Key == other.Key && Args.SequenceEqual(other.Args);

    public override bool Equals(object? obj) => Equals(obj as LinkReason);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Key, StringComparer.Ordinal);
        foreach (var arg in Args)
        {
            hash.Add(arg);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => English;
}
