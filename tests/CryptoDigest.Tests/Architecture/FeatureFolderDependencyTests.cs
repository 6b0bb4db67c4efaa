using CryptoDigest.Chat;
using Xunit.Abstractions;

namespace CryptoDigest.Tests.Architecture;

/// <summary>
/// The folder picture of docs/architecture.md, checked on the source of src/CryptoDigest: one direction
/// through the core, leaves that import no feature, Storage at the bottom, and no chat platform.
/// </summary>
public class FeatureFolderDependencyTests(ITestOutputHelper output)
{
    // The one direction through the core: a folder may use the folders after it, never one before it.
    private static readonly string[] Chain = ["Chat", "Orchestration", "Briefs", "Summaries", "Feeds", "Storage"];

    // Vocabulary and plumbing every layer shares ("" is the project's top folder); they may use each
    // other and Storage, and no feature folder.
    private static readonly string[] Leaves = ["Ai", "Replies", "Knowledge", "Telemetry", ""];

    private static readonly Lazy<FolderGraph> Core = new(() => FolderGraph.Read(RepositoryFiles.Find("src/CryptoDigest")));

    [Fact]
    public void The_folders_of_the_core_import_each_other_without_a_cycle()
    {
        var cycle = Core.Value.FindCycle();

        Assert.True(cycle is null, "The folders import each other in a cycle:\n" + Describe(cycle ?? []));
    }

    [Fact]
    public void No_folder_of_the_chain_imports_one_that_comes_before_it()
    {
        var backwards = Core.Value.Imports
            .Where(i => Array.IndexOf(Chain, i.From) is var from and >= 0 && Array.IndexOf(Chain, i.To) is var to and >= 0 && to < from)
            .ToList();

        Assert.True(backwards.Count == 0, $"Arrows against {string.Join(" -> ", Chain)}:\n" + Describe(backwards));
    }

    [Fact]
    public void Storage_imports_no_other_folder()
    {
        var imports = Core.Value.Imports.Where(i => i.From == "Storage" && i.To != "").ToList();

        Assert.True(imports.Count == 0, "Storage must not know the features that use it:\n" + Describe(imports));
    }

    [Fact]
    public void The_leaves_import_no_feature_folder()
    {
        var imports = Core.Value.Imports
            .Where(i => Leaves.Contains(i.From) && !Leaves.Contains(i.To) && i.To != "Storage")
            .ToList();

        Assert.True(imports.Count == 0, "A leaf imports a feature folder:\n" + Describe(imports));
    }

    [Fact]
    public void The_core_names_no_chat_platform_adapter_or_host()
    {
        var outside = Core.Value.Outside;
        var references = typeof(ChatRouter).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.True(outside.Count == 0, "The core names something outside its folders:\n" + Describe(outside));
        Assert.DoesNotContain(references, name => name is "Telegram.Bot" or "CryptoDigest.Telegram" or "CryptoDigest.Discord" or "CryptoDigest.Host");
    }

    [Fact]
    public void Every_folder_of_the_picture_exists_and_the_arrows_it_shows_are_read()
    {
        foreach (var (from, to) in Core.Value.Imports.Select(i => (i.From, i.To)).Distinct().Order())
        {
            output.WriteLine($"{(from.Length == 0 ? "(top)" : from)} -> {to}");
        }

        Assert.Empty(Chain.Concat(Leaves).Except(Core.Value.Folders));
        // The chain is real: each folder uses the next, so a reader that found nothing would fail here.
        Assert.All(Chain.Zip(Chain.Skip(1)), arrow => Assert.Contains(arrow.Second, Core.Value.Targets(arrow.First)));
    }

    [Fact]
    public void A_cycle_is_reported_with_the_lines_that_make_it()
    {
        var graph = FolderGraph.FromSources(new Dictionary<string, string>
        {
            ["Briefs/BriefComposer.cs"] = "using CryptoDigest.Summaries;\nnamespace CryptoDigest.Briefs;\npublic class BriefComposer { }\n",
            ["Summaries/ArticleSummarizer.cs"] = "namespace CryptoDigest.Summaries;\npublic class ArticleSummarizer { Briefs.BriefComposer? composer; }\n",
        });

        var cycle = graph.FindCycle();

        Assert.NotNull(cycle);
        Assert.Equal(["Briefs/BriefComposer.cs:1", "Summaries/ArticleSummarizer.cs:2"], cycle.Select(i => $"{i.File}:{i.Line}").Order());
    }

    [Fact]
    public void Fully_qualified_names_count_but_comments_strings_and_member_access_do_not()
    {
        var graph = FolderGraph.FromSources(new Dictionary<string, string>
        {
            ["Feeds/FeedParser.cs"] = """
                namespace CryptoDigest.Feeds;
                // Unlike CryptoDigest.Briefs, this reads feeds.
                /* Chat.ChatRouter is not called here. */
                public class FeedParser
                {
                    const string Resource = "CryptoDigest.Chat.Samples.xml";
                    object Load(Db db) => db.Briefs.Edition;
                    CryptoDigest.Storage.Article? article;
                }
                """,
            ["Briefs/Edition.cs"] = "namespace CryptoDigest.Briefs;\npublic class Edition { }\n",
            ["Chat/ChatRouter.cs"] = "namespace CryptoDigest.Chat;\npublic class ChatRouter { }\n",
            ["Storage/Article.cs"] = "namespace CryptoDigest.Storage;\npublic class Article { }\n",
        });

        Assert.Equal(["Storage"], graph.Targets("Feeds"));
    }

    private static string Describe(IEnumerable<FolderImport> imports) =>
        string.Join('\n', imports.Select(i => $"  {(i.From.Length == 0 ? "(top)" : i.From)} -> {i.To}   {i}"));
}
