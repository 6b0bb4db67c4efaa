using CryptoDigest.Replies;

namespace CryptoDigest.Archive;

/// <summary>
/// What the archive holds for a question about newsletter content: the relevant issues, best first (empty when the
/// offline answer abstains or no issue is held), the window searched ("1–6 Dec"), how many newsletters were read, and
/// the offline answer (quotes, coverage or the abstention), which stands whenever a model's answer cannot.
/// </summary>
/// <param name="Held">Whether the archive holds any issue in the window searched (of the newsletter named, if one was).</param>
public sealed record ArchiveFindings(ArchiveQuestion Question, bool Held, IReadOnlyList<ArchiveHit> Issues, string Window, int SourceCount, ChatReply Offline)
{
    /// <summary>The best cosine similarity of a relevant passage to the topic; null when the vectors found none.</summary>
    public float? Similarity { get; init; }

    /// <summary>The largest share of the topic's search terms that a relevant passage holds.</summary>
    public double WordShare { get; init; }

    /// <summary>
    /// Whether the offline answer abstains because the question names something (a project, a year) that the issues it
    /// found on the topic do not mention, rather than because nothing was relevant.
    /// </summary>
    public bool NameNotHeld { get; init; }

    /// <summary>
    /// Whether the question asks what happened to a thing it names ("did lantern wallet get drained"): news, which the
    /// newsletters carry and the knowledge base's general articles do not, so its abstention stands over a passage that
    /// does not name the thing either.
    /// </summary>
    public bool AsksNamedEvent { get; init; }

    /// <summary>
    /// Whether the question asks for a figure of the present about a thing it names ("binance proof of reserves numbers
    /// this month"): the knowledge base's articles are dated, so their figures do not answer it, even where they name the
    /// thing; the archive's abstention stands.
    /// </summary>
    public bool AsksPresentFigure { get; init; }

    /// <summary>
    /// Whether the question asks for news of a thing it names ("any update on the mt gox repayments"): the knowledge base's
    /// dated articles hold a thing's history, not its news, so the archive's abstention stands even over one naming it.
    /// </summary>
    public bool AsksNews { get; init; }

    /// <summary>
    /// The question's words that are no everyday word and that the best quoted issue mentions ("kelstow"): what the newsletters
    /// wrote about by name, so a knowledge passage that does not name it answers something else.
    /// </summary>
    public IReadOnlyList<string> HeldNames { get; init; } = [];

    /// <summary>Whether the offline answer quotes issues (rather than abstaining or saying none are held).</summary>
    public bool Answers => Issues.Count > 0;
}
