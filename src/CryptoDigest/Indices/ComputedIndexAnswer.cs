using System.Text.Json.Serialization;
using CryptoDigest.Replies;

namespace CryptoDigest.Indices;

/// <summary>
/// A computed index answer: the reply our code built (shown to the member verbatim) and its text,
/// which is all a model sees of it. The chart stays out of what a model is sent.
/// </summary>
public sealed record ComputedIndexAnswer(string Summary, [property: JsonIgnore] ChatReply Reply)
{
    public static ComputedIndexAnswer From(ChatReply reply) => new(reply.ToString(), reply);
}
