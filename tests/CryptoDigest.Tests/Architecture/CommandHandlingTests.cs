using System.Text.RegularExpressions;
using CryptoDigest.Chat;
using CryptoDigest.Chat.Commands;
using CryptoDigest.Orchestration;
using Microsoft.SemanticKernel;

namespace CryptoDigest.Tests.Architecture;

/// <summary>
/// Where a command is answered (docs/architecture.md): one handler per command in Chat/Commands, which
/// calls the feature services directly; the kernel and its plugins are only what a model is offered, so
/// only ModelAnswerer invokes them.
/// </summary>
public partial class CommandHandlingTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Core = new(() => CodeOf("src/CryptoDigest"));

    private static readonly Lazy<IReadOnlyDictionary<string, string>> AllSources = new(() => CodeOf("src"));

    // PromptLibrary runs a prompt file on the kernel its caller hands it: the answerer's, or a kernel
    // without plugins with which summaries and briefs are written (no tools at all).
    private static readonly string[] KernelInvokers = ["CryptoDigest/Orchestration/ModelAnswerer.cs", "CryptoDigest/Ai/PromptLibrary.cs"];

    [Fact]
    public void No_folder_of_the_core_but_Chat_names_a_chat_request()
    {
        var naming = Core.Value.Where(f => ChatRequestName().IsMatch(f.Value)).Select(f => f.Key).ToList();

        // The scan reads the handlers, so a scan that found nothing would fail here.
        Assert.Contains(naming, f => f.StartsWith("Chat/Commands/", StringComparison.Ordinal));
        var outside = naming.Where(f => FolderGraph.FolderOf(f) != "Chat").ToList();
        Assert.True(outside.Count == 0, "Command handling belongs in Chat/Commands; these files name ChatRequest:\n" + string.Join('\n', outside));
    }

    [Fact]
    public void Every_command_handler_lives_in_Chat_Commands()
    {
        var handlers = typeof(ChatRouter).Assembly.GetTypes()
            .Where(t => typeof(IChatCommandHandler).IsAssignableFrom(t) && !t.IsInterface)
            .ToList();

        Assert.Equal(ChatCommands.All.Count, handlers.Count);
        Assert.All(handlers, t => Assert.Equal("CryptoDigest.Chat.Commands", t.Namespace));
    }

    [Fact]
    public void Only_ModelAnswerer_invokes_the_kernel()
    {
        var calls = AllSources.Value
            .SelectMany(f => KernelInvocation().Matches(f.Value).Select(m => (File: f.Key, Call: m.Value)))
            .ToList();

        Assert.Contains(calls, c => c.File == KernelInvokers[0]);
        var others = calls.Where(c => !KernelInvokers.Contains(c.File)).Select(c => $"{c.File}: {c.Call}").ToList();
        Assert.True(others.Count == 0, "Only ModelAnswerer invokes the kernel; a chat command calls the feature's service instead:\n" + string.Join('\n', others));
    }

    [Fact]
    public void Only_ModelAnswerer_takes_the_kernel_with_the_plugins()
    {
        var takers = new[] { typeof(ChatRouter).Assembly, typeof(global::CryptoDigest.Discord.DiscordInteractionHandler).Assembly, typeof(global::CryptoDigest.Telegram.TelegramOptions).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.GetConstructors(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)
                .Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(Kernel))))
            .Select(t => t.FullName)
            .ToList();

        Assert.Equal([typeof(ModelAnswerer).FullName], takers);
    }

    [Theory]
    [InlineData("var result = await kernel.InvokeAsync(\"Newsletters\", \"get_latest_brief\", cancellationToken: ct);")]
    [InlineData("await _kernel.InvokePromptAsync(prompt);")]
    [InlineData("var text = await kernel\n    .InvokeAsync<string>(\"Feeds\", \"list_sources\");")]
    [InlineData("await plugins.GetFunction(\"Security\", \"search\").InvokeAsync(kernel, arguments);")]
    public void A_kernel_invocation_is_recognized_however_it_is_written(string code)
    {
        Assert.Matches(KernelInvocation(), code);
    }

    [Fact]
    public void Comments_strings_and_other_invocations_are_not_kernel_invocations()
    {
        var code = FolderGraph.CodeOnly("// kernel.InvokeAsync(\"x\")\nvar s = \"kernel.InvokeAsync\";\nawait handler.InvokeAsync(request);\nawait prompts.InvokeAsync(new Kernel(services), \"Summaries\", \"Summarize\");\n");

        Assert.DoesNotMatch(KernelInvocation(), code);
    }

    private static IReadOnlyDictionary<string, string> CodeOf(string folder)
    {
        var root = RepositoryFiles.Find(folder);
        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(path => (Path: path, Relative: Path.GetRelativePath(root, path).Replace('\\', '/')))
            .Where(f => !f.Relative.Split('/').Any(segment => segment is "bin" or "obj"))
            .ToDictionary(f => f.Relative, f => FolderGraph.CodeOnly(File.ReadAllText(f.Path)), StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\bChatRequest\b", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ChatRequestName();

    // A kernel's own invocations (kernel.InvokeAsync, InvokePromptAsync, InvokeStreamingAsync) and a
    // function invoked with a kernel as its first argument (function.InvokeAsync(kernel, ...)).
    [GeneratedRegex(@"(?i:\b\w*kernel\w*)\s*\.\s*Invoke\w*Async\b|\bInvoke(?:Prompt|PromptStreaming|Streaming)Async\b|\.\s*InvokeAsync\s*(?:<[^>]*>)?\s*\(\s*(?i:\w*kernel\w*)\s*[,)]", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex KernelInvocation();
}
