namespace CryptoDigest.Archive;

/// <summary>
/// What kind of figure a question asks for ("how much" an amount, "how many" a count, "what share" a percentage, "how
/// long" a duration, "how high" any level), so the quoted sentence can be the one holding that kind of figure.
/// </summary>
public enum QuestionMeasure
{
    /// <summary>No figure asked for, or none of a kind the words say.</summary>
    None,

    /// <summary>"how much", "how big": money or a quantity with its unit.</summary>
    Amount,

    /// <summary>"how many": a number of things.</summary>
    Count,

    /// <summary>"what share", "what %": a percentage.</summary>
    Share,

    /// <summary>"how long": hours, days, weeks.</summary>
    Duration,

    /// <summary>"how high", "how fat", "what level": any figure.</summary>
    Level,
}
