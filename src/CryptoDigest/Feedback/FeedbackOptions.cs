using System.ComponentModel.DataAnnotations;

namespace CryptoDigest.Feedback;

/// <summary>
/// Settings of the 👍/👎 buttons (section "Feedback", docs/feedback.md). Votes are stored under a keyed hash of
/// the member, never the member's id: the key is <see cref="MemberHashKey"/> when set, otherwise one the bot
/// generates on first use and keeps in the database, shared by every instance.
/// </summary>
public sealed class FeedbackOptions : IValidatableObject
{
    public const string SectionName = "Feedback";

    /// <summary>The HMAC-SHA256 key for member ids (at least 32 characters); empty to let the bot generate and store one.</summary>
    public string MemberHashKey { get; set; } = string.Empty;

    /// <summary>Whether briefs and answers carry the buttons at all.</summary>
    public bool Enabled { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A short key is guessable enough to turn the hashes back into member ids by trying them all.
        if (MemberHashKey.Length is > 0 and < 32)
        {
            yield return new ValidationResult("Feedback:MemberHashKey must be at least 32 characters (or empty, to let the bot generate one).", [nameof(MemberHashKey)]);
        }
    }
}
