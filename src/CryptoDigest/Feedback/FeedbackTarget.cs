using System.Globalization;

namespace CryptoDigest.Feedback;

/// <summary>A brief (by its edition id) or an answer (by its stored id), as payloads and the database name it.</summary>
public readonly record struct FeedbackTarget(FeedbackTargetKind Kind, long Id)
{
    public const string BriefKind = "brief";
    public const string AnswerKind = "answer";

    public static FeedbackTarget Brief(long editionId) => new(FeedbackTargetKind.Brief, editionId);

    public static FeedbackTarget Answer(long answerId) => new(FeedbackTargetKind.Answer, answerId);

    /// <summary>The kind as stored in FeedbackVotes.TargetKind and written in the export.</summary>
    public string StoredKind => Kind == FeedbackTargetKind.Brief ? BriefKind : AnswerKind;

    /// <summary>The payload field: "b" or "a" and the id.</summary>
    public string Code => (Kind == FeedbackTargetKind.Brief ? "b" : "a") + Id.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string code, out FeedbackTarget target)
    {
        target = default;
        if (code.Length is < 2 or > 20 || !long.TryParse(code.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            return false;
        }

        switch (code[0])
        {
            case 'b':
                target = Brief(id);
                return true;
            case 'a':
                target = Answer(id);
                return true;
            default:
                return false;
        }
    }
}
