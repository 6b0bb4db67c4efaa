using CryptoDigest.Archive;
using CryptoDigest.Knowledge;
using CryptoDigest.Replies;
using CryptoDigest.Tests.Knowledge;
using Xunit.Abstractions;

namespace CryptoDigest.Tests.Archive;

/// <summary>
/// The member question sets about what the newsletters wrote (QuestionSets/*.txt), asked of the fixed test archive
/// (<see cref="ArchiveCorpus"/>) end to end as offline /ask answers them: the reply's text must carry each question's
/// facts, and every question about something no issue covers must open by saying so. With the bundled local model and
/// with words alone; the figures are in docs/knowledge-retrieval.md. The held-out set was never tuned on.
/// </summary>
public class ArchiveQuestionSetTests(ITestOutputHelper output)
{
    private const float MinSimilarity = 0.35f;

    // The fixed corpus's newsletters; a corpus read from Corpora/*.txt gives its own.
    private static readonly string[] FixedSources = ["Glassnode", "Kaiko Research", "The Block", "Hashrate Index", "Security Weekly"];

    // Each row: the question set, the corpus it is asked of ("fixed" is ArchiveCorpus.Articles, any other name
    // Corpora/<name>.txt), and whether the local model is on. realistic-tuning2 was the blind set of the realistic
    // corpus, asked once, then tuned on; fresh-tuning was the blind set of newsletters2, and third-tuning the blind set
    // of newsletters3 (asked once at 37 and 34 of 50, 8 and 9 of 10 uncovered said so), and fourth-tuning the blind set of
    // newsletters4 (asked once at 38 and 29 of 50, 8 and 8 of 10 uncovered said so), and fifth-tuning the blind set of
    // newsletters5 (asked once at 42 and 41 of 50, 9 and 8 of 10 uncovered said so), and sixth-tuning the blind set of
    // newsletters6 (asked once at 41 and 37 of 50, 9 and 10 of 10 uncovered said so), and seventh-tuning the blind set of
    // newsletters7 (asked once at 43 and 42 of 50, 10 and 10 of 10 uncovered said so), each asked once, then tuned on.
    // A new blind set (a name ending in "blind", on a corpus of its own) runs with two rows of its own, one with the
    // local model and one without: only its counts are printed.
    public static TheoryData<string, string, bool> Sets => new()
    {
        { "archive-tuning", "fixed", true },
        { "archive-tuning", "fixed", false },
        { "archive-heldout", "fixed", true },
        { "archive-heldout", "fixed", false },
        { "realistic-tuning", "newsletters", true },
        { "realistic-tuning", "newsletters", false },
        { "realistic-tuning2", "newsletters", true },
        { "realistic-tuning2", "newsletters", false },
        { "fresh-tuning", "newsletters2", true },
        { "fresh-tuning", "newsletters2", false },
        { "third-tuning", "newsletters3", true },
        { "third-tuning", "newsletters3", false },
        { "fourth-tuning", "newsletters4", true },
        { "fourth-tuning", "newsletters4", false },
        { "fifth-tuning", "newsletters5", true },
        { "fifth-tuning", "newsletters5", false },
        { "sixth-tuning", "newsletters6", true },
        { "sixth-tuning", "newsletters6", false },
        { "seventh-tuning", "newsletters7", true },
        { "seventh-tuning", "newsletters7", false },
        { "eighth-tuning", "newsletters8", true },
        { "eighth-tuning", "newsletters8", false },
        { "ninth-tuning", "newsletters9", true },
        { "ninth-tuning", "newsletters9", false },
        { "tenth-tuning", "newsletters10", true },
        { "tenth-tuning", "newsletters10", false },
        { "eleventh-tuning", "newsletters11", true },
        { "eleventh-tuning", "newsletters11", false },
        { "twelfth-tuning", "newsletters12", true },
        { "twelfth-tuning", "newsletters12", false },
        { "thirteenth-tuning", "newsletters13", true },
        { "thirteenth-tuning", "newsletters13", false },
        { "fourteenth-tuning", "newsletters14", true },
        { "fourteenth-tuning", "newsletters14", false },
        { "fifteenth-tuning", "newsletters15", true },
        { "fifteenth-tuning", "newsletters15", false },
        { "sixteenth-tuning", "newsletters16", true },
        { "sixteenth-tuning", "newsletters16", false },
        { "seventeenth-tuning", "newsletters17", true },
        { "seventeenth-tuning", "newsletters17", false },
        { "eighteenth-tuning", "newsletters18", true },
        { "eighteenth-tuning", "newsletters18", false },
        { "nineteenth-tuning", "newsletters19", true },
        { "nineteenth-tuning", "newsletters19", false },
        { "twentieth-tuning", "newsletters20", true },
        { "twentieth-tuning", "newsletters20", false },
        { "twenty-first-tuning", "newsletters21", true },
        { "twenty-first-tuning", "newsletters21", false },
        { "twenty-second-tuning", "newsletters22", true },
        { "twenty-second-tuning", "newsletters22", false },
        { "twenty-third-tuning", "newsletters23", true },
        { "twenty-third-tuning", "newsletters23", false },
        { "twenty-fourth-tuning", "newsletters24", true },
        { "twenty-fourth-tuning", "newsletters24", false },
        { "twenty-fifth-tuning", "newsletters25", true },
        { "twenty-fifth-tuning", "newsletters25", false },
        { "twenty-sixth-tuning", "newsletters26", true },
        { "twenty-sixth-tuning", "newsletters26", false },
        { "twenty-seventh-tuning", "newsletters27", true },
        { "twenty-seventh-tuning", "newsletters27", false },
        { "twenty-eighth-tuning", "newsletters28", true },
        { "twenty-eighth-tuning", "newsletters28", false },
        { "twenty-ninth-tuning", "newsletters29", true },
        { "twenty-ninth-tuning", "newsletters29", false },
        { "thirtieth-blind", "newsletters30", true },
        { "thirtieth-blind", "newsletters30", false },
        { "thirty-first-blind", "newsletters31", true },
        { "thirty-first-blind", "newsletters31", false },
    };

    [Theory]
    [MemberData(nameof(Sets))]
    public async Task Nine_in_ten_answers_carry_the_expected_facts_and_every_uncovered_question_says_so_first(string set, string corpusName, bool localModel)
    {
        var questions = MemberQuestionSet.Read($"tests/CryptoDigest.Tests/Archive/QuestionSets/{set}.txt");
        var corpus = corpusName == "fixed" ? ArchiveCorpus.Instance : ArchiveCorpus.FromFile(corpusName);
        var sources = corpusName == "fixed" ? FixedSources : corpus.Sources;
        var snapshot = localModel ? corpus.WithVectors : corpus.WordsOnly;
        var knowledge = await MemberQuestionSetTests.ReadySearchAsync(localModel, snapshot.Vocabulary);
        var answers = new Dictionary<MemberQuestion, (string, bool)>();
        foreach (var question in questions.Questions)
        {
            var reply = await AskAsync(question.Text, sources, corpus, snapshot, localModel, knowledge);
            var text = string.Join("\n", reply.Blocks.Select(b => $"{b.Heading}\n{b.Text}"));
            answers[question] = (text, Abstains(reply.Blocks[0].Text));
        }

        var (share, results) = questions.Score(q => answers[q]);

        output.WriteLine($"{set}, local model {(localModel ? "on" : "off")}: {results.Count(r => r.Passed)} of {results.Count} ({share:P0})");
        // The misses of the tuning sets only: the held-out and blind sets are reported as a count, never read to tune.
        foreach (var miss in results.Where(r => !r.Passed && set.Contains("tuning", StringComparison.Ordinal)))
        {
            output.WriteLine($"MISS {miss.Question}\n    {miss.Answer.Replace("\n", " / ", StringComparison.Ordinal)[..Math.Min(300, miss.Answer.Length)]}");
        }

        // Held to where the archive stands (docs/knowledge-retrieval.md): short of nine in ten on the held-out set.
        var uncovered = results.Where(r => r.Question.Uncovered).ToList();
        output.WriteLine($"uncovered questions that said so: {uncovered.Count(r => r.Passed)} of {uncovered.Count}");
        Assert.True(share >= Floor(set, localModel), $"{share:P0} of {set} carried the expected facts");
        if (set.EndsWith("blind", StringComparison.Ordinal))
        {
            // Counted, never named, so nobody tunes on a blind set by reading a failed run. Held at what the last blind
            // set's one run gave until a blind set's own run is recorded here, short of every uncovered question saying so.
            Assert.True(uncovered.Count(r => r.Passed) >= BlindUncoveredFloor(set, localModel), $"{uncovered.Count(r => !r.Passed)} uncovered questions did not say so");
        }
        else
        {
            Assert.All(uncovered, r => Assert.True(r.Passed, $"Did not abstain: {r.Question.Text}"));
        }
    }

    // As offline /ask routes it (AskCommand): a question with a cue for the archive is the archive's; any other is the
    // knowledge base's unless the archive holds something closer to it.
    private static async Task<ChatReply> AskAsync(string question, IReadOnlyList<string> sources, ArchiveCorpus corpus, ArchiveSnapshot snapshot, bool localModel, KnowledgeSearch knowledge)
    {
        var cued = ArchiveQuestion.Parse(question, sources, 365, snapshot.Vocabulary);
        var parsed = cued ?? ArchiveQuestion.ParseOpen(question, sources, 365, snapshot.Vocabulary);
        var vector = localModel && parsed.Topic.Length > 0 ? corpus.Embed(parsed.Topic) : null;
        var findings = await ArchiveAnswerer.FindAsync(parsed, snapshot, vector, MinSimilarity, sources.Count, ArchiveCorpus.Today, localModel ? ArchiveCorpus.Sentences : null, null, CancellationToken.None);
        if (cued is not null)
        {
            return findings.Offline;
        }

        var known = await knowledge.AnswerAsync(question, CancellationToken.None);
        return ArchiveAnswerer.AnswersBetter(findings, known) ? findings.Offline : KnowledgeReplyFormatter.Format(known);
    }

    // Measured after round 4 (docs/knowledge-retrieval.md): the fresh tuning set (the blind set of an unseen corpus, asked
    // once at 33 and 27 of 50, then tuned on) 44 and 35 of 50 (local model on, off); the realistic tuning set 34 and 33
    // of 40, the second (the blind set asked once at 32 and 25, then tuned on) 36 and 31; the fixed corpus's sets 80 %
    // and 70 % at least. third-tuning (newsletters3, the blind set asked once after round 3 at 37 and 34 of 50, 8 and 9 of
    // its 10 uncovered questions said so, then tuned on) 44 and 39 of 50. fourth-blind (newsletters4), asked once after
    // round 4: 38 and 29 of 50, 8 of its 10 uncovered questions said so either way; renamed fourth-tuning and tuned on
    // (round 5: a word the issues hold is no newsletter typed loosely, an issuer before its product is a name, and the
    // words asking for a figure need not be held when nothing holds half the words with them): 45 and 37; fresh-tuning 44 and 36.
    // fifth-blind (newsletters5), asked once after round 5: 42 and 41 of 50, 9 and 8 of its 10 uncovered questions said so;
    // renamed fifth-tuning and tuned on (round 6: a count of days is a window only after "last"/"past", market shorthand
    // such as "ltv" and "aum" is no name, a word is named by the kind after it only where typed beside it, an issuer's coin
    // in a currency is a name held together, news about a named thing keeps the archive's abstention; then money
    // moving into or out of funds is searched as inflows/outflows, shorthand as written out, a question ending in "at" asks a
    // level, and the words after "which" name nothing): 49 and 48 of 50, every uncovered question said so; third-tuning 47
    // and 41, realistic-tuning 35 (with the model); an issue naming a word no common list holds ("susde") beats a knowledge
    // passage that does not name it: realistic-tuning 34 and realistic-tuning2 32 by words alone. sixth-blind (newsletters6),
    // asked once after round 6: 41 and 37 of 50, 9 and 10 of its 10 uncovered questions said so; renamed sixth-tuning
    // and tuned on (round 7: a figure question also quotes the sentence whose figure's own words name most of what is asked;
    // a question put to one newsletter about a name only others wrote about abstains): sixth-tuning 42 and 37 of 50, every
    // uncovered question said so; fourth-tuning 46 and 39, fresh-tuning 45 (with the model). BlindUncoveredFloor stays at
    // the sixth blind run's counts until the seventh blind set's is recorded. seventh-blind (newsletters7), asked once after
    // round 7: 43 and 42 of 50, every one of its 10 uncovered questions said so in both modes; renamed seventh-tuning and
    // tuned on (round 8). eighth-blind (newsletters8), asked once after round 8: 40 and 37 of 50, every one of its 10
    // uncovered questions said so in both modes; renamed eighth-tuning and tuned on (round 9: the best issue's quote also
    // carries its best sentences by score up to four, a compound typed closed is held by an issue writing it with a
    // hyphen, "depeg" and "og" are trade words, "US$482m" is a figure, and the best issue's headline figure is quoted for a
    // figure asked about; a country written another way and what a token is for name nothing an issue lacks, "what chunk"
    // and "how hard" ask for a figure): realistic-tuning 36 and 34, realistic-tuning2 38 and 34, fresh-tuning 48 and 39,
    // third-tuning 50 and 44, fourth-tuning 49 and 42, fifth-tuning 50 and 49, sixth-tuning 46 and 44, seventh-tuning 48
    // and 44, eighth-tuning 49 and 46 of 50, every uncovered question said so.
    // eleventh-blind (newsletters11), asked once after round 11 (2026-12-07): 42 and 42 of 50, 9 and 8 of its 10 uncovered
    // questions said so; the code before round 11 gives it 41 and 41, 9 and 8. Renamed eleventh-tuning and tuned on
    // (round 12). twelfth-blind (newsletters12), asked once after round 12: 45 and 45 of 50, 9 and 9 of 10 uncovered;
    // renamed twelfth-tuning and tuned on (round 13). thirteenth-blind (newsletters13), asked once after round 13: 42 and
    // 44 of 50, 9 and 9 of 10 uncovered. fourteenth-blind (newsletters14), asked once with the same code: 43 and 40 of
    // 50, every one of its 10 uncovered questions said so in both modes. Both renamed -tuning and tuned on (round 14: the
    // less common English words of SCOWL sizes 40 to 55 and British spellings are no names; an abstention for a name stands
    // over a knowledge passage not naming it, and over any for a figure of the present): thirteenth-tuning 43 and 45, every
    // uncovered question said so; fourteenth-tuning 45 and 42; tenth-tuning 49 and 49. fifteenth-blind (newsletters15),
    // asked once after round 14: 48 and 49 of 50, 9 and 10 of its 10 uncovered questions said so; the code before round
    // 14 gives it 47 and 48, 9 and 10. Renamed fifteenth-tuning and tuned on (round 15: a possessive typed is its name,
    // and three lower-case initials may count an "of" inside a capitalised name): 50 and 50. sixteenth-blind
    // (newsletters16), asked once after round 15: 46 and 46 of 50, every one of its 10 uncovered questions said so in both
    // modes; the code before round 14, and after it, gives the same. Round 16 (the newsletter's own words name no thing
    // nor a kind, a project asked about as a protocol is the project): thirteenth-tuning 46 and 48. seventeenth-blind
    // (newsletters17), asked once after round 16: 42 and 44 of 50, every one of its 10 uncovered questions said so in both
    // modes; the code before round 14 gives it 41 and 43. Both renamed -tuning and tuned on (round 17: shorthand members
    // type for words the issues write out, Knowledge/Data/shorthand.txt, is no name; a place is held by an issue writing
    // its central bank, capital or currency, Archive/Data/place-names.txt; the knowledge base's chosen articles must name a
    // word typed before a word for what it names): sixteenth-tuning 49 and 49, seventeenth-tuning 43 and 45,
    // fourteenth-tuning 47 and 44, twelfth-tuning 50 and 50; then the issues naming more of the names typed come first:
    // seventeenth-tuning 44 and 45. eighteenth-blind (newsletters18) and nineteenth-blind (newsletters19), asked once after
    // round 17: 43 and 44 of 50, 9 and 10 of 10 uncovered said so; 45 and 43 of 50, 9 and 9 of 10. The code before round 17
    // gives them 42 and 42, 45 and 42, with the same uncovered counts. Both renamed -tuning and tuned on (round 18: "nz", "hk", "sg",
    // "aus", "jp" are places; "per these letters" asks the newsletters; an answer that no issue of the newsletter asked
    // about falls in the window declines, and is counted so): eighteenth-tuning 47 and 46, nineteenth-tuning 48 and 46,
    // every uncovered question said so. twentieth-blind (newsletters20) and twenty-first-blind (newsletters21), asked once
    // after round 18: 42 and 40 of 50, 44 and 44 of 50, every one of their uncovered questions said so in both modes; the
    // code before round 17 gives them 40 and 38, 44 and 45, and the code before round 18 42 and 40, 44 and 44.
    // Both renamed -tuning and tuned on (round 19: a question asking who quotes a sentence naming a person):
    // twentieth-tuning 43 and 41, twenty-first-tuning 44 and 44. twenty-second-blind (newsletters22) and twenty-third-blind
    // (newsletters23), asked once after round 19: 44 and 45 of 50, 49 and 49 of 50, every one of their uncovered questions
    // said so in both modes; the code before round 17 gives them 43 and 44, 48 and 47, and the code before round 19 the same
    // as after it. Both renamed -tuning and tuned on (round 20: a common word before a word for a thing names nothing, a
    // chain is held by an issue calling it a network, a sentence holds the words its shorthand stands for and those its
    // doers are named from, "his name" asks for a person and a firm named for its partners is one): twenty-second-tuning 45
    // and 46, twenty-third-tuning 50 and 50, twenty-first-tuning 47 and 46; fourth-tuning 48 with the model ("holders" now
    // holds "hold", and a sentence about the largest holders is quoted before the one counting the addresses).
    // twenty-fourth-blind (newsletters24) and twenty-fifth-blind (newsletters25), asked once after round 20: 50 and 47 of 50,
    // every one of its 10 uncovered questions said so in both modes; 45 and 43 of 50, 9 of its 10 in each mode. The code
    // before round 20 gives them the same counts. Both renamed -tuning and tuned on (round 21: shorthand is searched as what
    // it stands for in the issues too, "CEO" as "chief executive"; "the ceo's name" asks for a person, and the issues naming
    // a person beside the topic come first; an extreme, "lowest", "max", asks for a figure; news asked of a name no issue
    // holds declines over a knowledge article telling its history): twenty-fourth-tuning 50 and 49, twenty-fifth-tuning 47
    // and 47, every uncovered question said so; eighteenth-tuning 48, twenty-first-tuning 47 by words.
    // twenty-sixth-blind (newsletters26) and twenty-seventh-blind (newsletters27), asked once after round 21: 47 and 48 of
    // 50, every one of its 10 uncovered questions said so in both modes; 47 and 47 of 50, 9 and 10 of its 10. The code
    // before round 20, and before round 21, gives them the same counts Both renamed -tuning and tuned on (round 22: a holiday, "after
    // the halloween ...", is a time and no name; the words naming a time need not be held by an issue of that time; a kind
    // typed in the singular is held by an issue writing the plural; "did ledger ever fix" asks for news; "tga" is shorthand):
    // twenty-sixth-tuning 48 and 49, twenty-seventh-tuning 50 and 50, every uncovered question said so; fourteenth-tuning 45
    // and twentieth-tuning 42 by words.
    // twenty-eighth-blind (newsletters28) and twenty-ninth-blind (newsletters29), asked once after round 22: 45 and 43 of
    // 50, 48 and 48 of 50, every one of their uncovered questions said so in both modes. The code before round 20 gives them
    // 43 and 43, and 47 and 47 with 9 of 10 uncovered in each mode; the code before round 22 the same as after it. Both
    // renamed -tuning and tuned on (round 23: a name typed as it is said, "kielda"; "what's the ceo called" asks for a
    // person; "how much did hvg dump" asks for any figure; "fy2026" and "30y" written out; "screwup" is slang):
    // twenty-eighth-tuning 47 and 47, twenty-ninth-tuning 49 and 49; eleventh-tuning 47 and 48, fresh-tuning 43 by words.
    // thirtieth-blind (newsletters30) and thirty-first-blind (newsletters31), asked once after round 23: 46 and 45 of 50, 48
    // and 47 of 50, every one of their uncovered questions said so in both modes; the code before round 20 gives them 46
    // and 45, 47 and 46.
    // An answer saying the sources do not cover the question, or that no issue of the newsletter asked about falls in the
    // window asked about ("I hold no CoinShares issues from the last 14 days, so I cannot say ..."): both decline.
    private static bool Abstains(string opening) =>
        opening.Contains("do not cover", StringComparison.Ordinal) || opening.StartsWith("I hold no ", StringComparison.Ordinal);

    private static int BlindUncoveredFloor(string set, bool localModel) => set switch
    {
        _ => 10,
    };

    private static double Floor(string set, bool localModel) => set switch
    {
        "realistic-tuning" => localModel ? 0.9 : 0.85,
        "realistic-tuning2" => localModel ? 0.95 : 0.9,
        "fresh-tuning" => localModel ? 0.96 : 0.82,
        "third-tuning" => localModel ? 1.0 : 0.96,
        "fourth-tuning" => localModel ? 0.96 : 0.94,
        "fifth-tuning" => localModel ? 1.0 : 1.0,
        "sixth-tuning" => localModel ? 0.94 : 0.88,
        "seventh-tuning" => localModel ? 0.96 : 0.98,
        "eighth-tuning" => localModel ? 1.0 : 0.98,
        "ninth-tuning" => localModel ? 0.9 : 0.92,
        "tenth-tuning" => 0.98,
        "eleventh-tuning" => localModel ? 0.94 : 0.96,
        "twelfth-tuning" => 1.0,
        "thirteenth-tuning" => localModel ? 0.92 : 0.96,
        "fourteenth-tuning" => localModel ? 0.94 : 0.9,
        "fifteenth-tuning" => 1.0,
        "sixteenth-tuning" => 0.98,
        "seventeenth-tuning" => localModel ? 0.88 : 0.9,
        "eighteenth-tuning" => localModel ? 0.96 : 0.92,
        "nineteenth-tuning" => localModel ? 0.98 : 0.94,
        "twentieth-tuning" => localModel ? 0.86 : 0.84,
        "twenty-first-tuning" => 0.94,
        "twenty-second-tuning" => localModel ? 0.9 : 0.92,
        "twenty-third-tuning" => 1.0,
        "twenty-fourth-tuning" => localModel ? 1.0 : 0.98,
        "twenty-fifth-tuning" => 0.94,
        "twenty-sixth-tuning" => localModel ? 0.96 : 0.98,
        "twenty-seventh-tuning" => 1.0,
        "twenty-eighth-tuning" => 0.94,
        "twenty-ninth-tuning" => 0.98,
        "thirtieth-blind" => localModel ? 0.92 : 0.9,
        "thirty-first-blind" => localModel ? 0.96 : 0.94,
        _ => localModel ? 0.8 : 0.7,
    };
}
