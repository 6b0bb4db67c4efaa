using CryptoDigest.Replies;

namespace CryptoDigest.Feedback;

/// <summary>
/// The rows of feedback buttons under a brief or an answer (👍 👎, and after a 👎 the "what was wrong?" row) and the
/// short answers to a press, in the language of what was rated (the brief's variant, the answer's request).
/// </summary>
public static class FeedbackButtons
{
    // The vote buttons are emoji: the same in every language.
    public const string Up = "👍";
    public const string Down = "👎";

    public static IReadOnlyList<IReadOnlyList<ReplyButton>> Votes(FeedbackTarget target) =>
    [
        [
            new ReplyButton(Up, FeedbackPayload.Encode(new FeedbackPress(target, Up: true))),
            new ReplyButton(Down, FeedbackPayload.Encode(new FeedbackPress(target, Up: false))),
        ],
    ];

    /// <summary>The votes row and, under it, the three reasons (each a 👎 with its reason).</summary>
    public static IReadOnlyList<IReadOnlyList<ReplyButton>> VotesAndReasons(FeedbackTarget target, ReplyTexts texts) => [.. Votes(target), Reasons(target, texts)];

    public static IReadOnlyList<ReplyButton> Reasons(FeedbackTarget target, ReplyTexts texts) =>
        [.. Enum.GetValues<FeedbackReason>().Select(r => new ReplyButton(Label(r, texts), FeedbackPayload.Encode(new FeedbackPress(target, Up: false, r))))];

    public static string Label(FeedbackReason reason, ReplyTexts texts) => texts["Feedback." + reason];

    /// <summary>The private answer to a stored press: thanks for a 👍 or a reason, "what was wrong?" for a bare 👎.</summary>
    public static string Answer(FeedbackPress press, ReplyTexts texts) =>
        press.Up ? texts["Feedback.ThanksUp"]
        : press.Reason is { } reason ? texts["Feedback.Thanks." + reason]
        : texts["Feedback.WhatWasWrong"];
}
