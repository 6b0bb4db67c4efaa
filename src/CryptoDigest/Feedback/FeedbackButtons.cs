using CryptoDigest.Replies;

namespace CryptoDigest.Feedback;

/// <summary>The rows of feedback buttons under a brief or an answer: 👍 👎, and after a 👎 the "what was wrong?" row.</summary>
public static class FeedbackButtons
{
    public static IReadOnlyList<IReadOnlyList<ReplyButton>> Votes(FeedbackTarget target) =>
    [
        [
            new ReplyButton(FeedbackTexts.Up, FeedbackPayload.Encode(new FeedbackPress(target, Up: true))),
            new ReplyButton(FeedbackTexts.Down, FeedbackPayload.Encode(new FeedbackPress(target, Up: false))),
        ],
    ];

    /// <summary>The votes row and, under it, the three reasons (each a 👎 with its reason).</summary>
    public static IReadOnlyList<IReadOnlyList<ReplyButton>> VotesAndReasons(FeedbackTarget target) => [.. Votes(target), Reasons(target)];

    public static IReadOnlyList<ReplyButton> Reasons(FeedbackTarget target) =>
        [.. Enum.GetValues<FeedbackReason>().Select(r => new ReplyButton(FeedbackTexts.Label(r), FeedbackPayload.Encode(new FeedbackPress(target, Up: false, r))))];
}
