namespace CryptoDigest.Tests.Architecture;

/// <summary>
/// Indices and Security are subsystems beside the chain, not plugins hanging off it: what each may use,
/// and who may use each, as docs/architecture.md states. Indices computes from market data and must stay
/// usable by the brief without reaching up into chat or the model; Security reads links and phishing lists
/// and is answered to members by chat and the model only. Operations reads what the features store (through Briefs
/// and Storage) for /status and the operator alerts, and only /status shows it to anyone in chat. Feedback stores
/// votes and the answers they rate, below everything that offers its buttons (answers, briefs) or reads its counts
/// (Operations), so it uses nothing but Storage and the leaves.
/// </summary>
public class SubsystemRulesTests
{
    private static readonly string[] Leaves = ["Ai", "Replies", "Knowledge", "Telemetry", ""];

    private static readonly Lazy<FolderGraph> Core = new(() => FolderGraph.Read(RepositoryFiles.Find("src/CryptoDigest")));

    public static TheoryData<string, string[]> MayUse => new()
    {
        { "Indices", ["Storage", .. Leaves] },
        { "Security", ["Feeds", "Storage", .. Leaves] },
        { "Archive", ["Feeds", "Storage", .. Leaves] },
        { "Operations", ["Briefs", "Feedback", "Storage", .. Leaves] },
        { "Feedback", ["Storage", .. Leaves] },
    };

    public static TheoryData<string, string[]> UsedOnlyBy => new()
    {
        { "Indices", ["Chat", "Orchestration", "Briefs"] },
        { "Security", ["Chat", "Orchestration"] },
        { "Archive", ["Chat", "Orchestration"] },
        { "Operations", ["Chat"] },
        { "Feedback", ["Chat", "Briefs", "Operations"] },
    };

    [Theory]
    [MemberData(nameof(MayUse))]
    public void A_subsystem_uses_only_the_folders_it_may(string subsystem, string[] allowed)
    {
        var imports = UsesBeyond(Core.Value, subsystem, allowed);

        Assert.True(imports.Count == 0, $"{subsystem} may use only {string.Join(", ", allowed.Where(a => a.Length > 0))}:\n" + Describe(imports));
    }

    [Theory]
    [MemberData(nameof(UsedOnlyBy))]
    public void A_subsystem_is_used_only_by_the_folders_that_answer_with_it(string subsystem, string[] users)
    {
        var imports = UsedByOthers(Core.Value, subsystem, users);

        Assert.True(imports.Count == 0, $"Only {string.Join(", ", users)} may use {subsystem}:\n" + Describe(imports));
        // The rule is read from real arrows: each subsystem has at least one user.
        Assert.Contains(Core.Value.Imports, i => i.To == subsystem && users.Contains(i.From));
    }

    [Fact]
    public void The_rules_catch_a_subsystem_that_reaches_into_chat_and_a_feed_that_uses_security()
    {
        var graph = FolderGraph.FromSources(new Dictionary<string, string>
        {
            ["Indices/IndexAnswers.cs"] = "using CryptoDigest.Chat;\nnamespace CryptoDigest.Indices;\npublic class IndexAnswers { }\n",
            ["Chat/ChatRouter.cs"] = "namespace CryptoDigest.Chat;\npublic class ChatRouter { }\n",
            ["Security/LinkChecker.cs"] = "namespace CryptoDigest.Security;\npublic class LinkChecker { }\n",
            ["Feeds/FeedIngestor.cs"] = "namespace CryptoDigest.Feeds;\npublic class FeedIngestor { Security.LinkChecker? checker; }\n",
        });

        Assert.Equal(["Indices/IndexAnswers.cs:1"], UsesBeyond(graph, "Indices", ["Storage", .. Leaves]).Select(i => $"{i.File}:{i.Line}"));
        Assert.Equal(["Feeds/FeedIngestor.cs:2"], UsedByOthers(graph, "Security", ["Chat", "Orchestration"]).Select(i => $"{i.File}:{i.Line}"));
    }

    private static List<FolderImport> UsesBeyond(FolderGraph graph, string subsystem, string[] allowed) =>
        graph.Imports.Where(i => i.From == subsystem && i.To != subsystem && graph.Folders.Contains(i.To) && !allowed.Contains(i.To)).ToList();

    private static List<FolderImport> UsedByOthers(FolderGraph graph, string subsystem, string[] users) =>
        graph.Imports.Where(i => i.To == subsystem && i.From != subsystem && !users.Contains(i.From)).ToList();

    private static string Describe(IEnumerable<FolderImport> imports) =>
        string.Join('\n', imports.Select(i => $"  {(i.From.Length == 0 ? "(top)" : i.From)} -> {i.To}   {i}"));
}
