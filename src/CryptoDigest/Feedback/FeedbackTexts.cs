namespace CryptoDigest.Feedback;

/// <summary>
/// Every text a member sees from the feedback buttons, in English and in one place, so they move to the
/// resource files with the bot's other fixed texts.
/// </summary>
public static class FeedbackTexts
{
    public const string Up = "👍";
    public const string Down = "👎";
    public const string WrongFact = "Wrong fact";
    public const string NotRelevant = "Not relevant";
    public const string TooLong = "Too long";

    /// <summary>The answer to a 👍.</summary>
    public const string ThanksUp = "Thanks, noted 👍";

    /// <summary>The answer to a 👎: the second row asks what was wrong.</summary>
    public const string WhatWasWrong = "Noted 👎. What was wrong? Pick one below.";

    /// <summary>A payload that does not parse, or names a brief or answer this chat never got.</summary>
    public const string InvalidButton = "This button is not valid here.";

    /// <summary>The vote could not be stored just now.</summary>
    public const string NotSaved = "Your vote could not be saved just now. Please try again in a minute.";

    public static string Label(FeedbackReason reason) => reason switch
    {
        FeedbackReason.WrongFact => WrongFact,
        FeedbackReason.NotRelevant => NotRelevant,
        _ => TooLong,
    };

    /// <summary>The answer to a reason picked under a 👎.</summary>
    public static string ThanksFor(FeedbackReason reason) => $"Thanks, noted 👎: {Label(reason).ToLowerInvariant()}.";
}
