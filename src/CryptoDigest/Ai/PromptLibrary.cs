using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace CryptoDigest.Ai;

/// <summary>
/// The prompts in prompts/&lt;Plugin&gt;/&lt;Function&gt;/ (skprompt.txt + config.json), loaded with
/// Semantic Kernel's prompt-directory loader. A prompt's version is the hash of its two files,
/// so editing a prompt changes the version of exactly the outputs it made.
/// </summary>
public sealed class PromptLibrary(IOptions<AiOptions> options)
{
    private readonly ConcurrentDictionary<string, KernelPlugin> _plugins = new(StringComparer.Ordinal);

    public string Directory { get; } = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, options.Value.PromptsPath));

    public KernelFunction Function(string plugin, string function)
    {
        var loaded = _plugins.GetOrAdd(plugin, Load);
        return loaded.TryGetFunction(function, out var found)
            ? found
            : throw new InvalidOperationException($"The prompt {plugin}/{function} is missing from {Directory}.");
    }

    /// <summary>
    /// Runs a prompt on a kernel: loads it, clones its execution settings (the loaded function's own
    /// stay untouched for other callers), offers no tools unless <paramref name="configure"/> lists
    /// some, and invokes it with the arguments (untrusted values already quoted with <see cref="PromptData"/>).
    /// </summary>
    public async Task<FunctionResult> InvokeAsync(
        Kernel kernel,
        string plugin,
        string function,
        IReadOnlyDictionary<string, object?> arguments,
        Action<PromptExecutionSettings>? configure,
        CancellationToken cancellationToken)
    {
        var prompt = Function(plugin, function);
        var settings = prompt.ExecutionSettings?.GetValueOrDefault(PromptExecutionSettings.DefaultServiceId)?.Clone() ?? new PromptExecutionSettings();
        settings.FunctionChoiceBehavior = null;
        configure?.Invoke(settings);
        var values = new KernelArguments(settings);
        foreach (var (name, value) in arguments)
        {
            values[name] = value;
        }

        // The prompt's plugin names what the tokens were spent on; set here, it ends with this call.
        ModelPurpose.Set(plugin);
        return await kernel.InvokeAsync(prompt, values, cancellationToken);
    }

    /// <summary>A short, stable hash of the prompt's files: the version cached outputs are keyed by.</summary>
    public string Version(string plugin, string function)
    {
        var folder = Path.Combine(Directory, plugin, function);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in new[] { "skprompt.txt", "config.json" })
        {
            hash.AppendData(File.ReadAllBytes(Path.Combine(folder, file)));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private KernelPlugin Load(string plugin)
    {
        var folder = Path.Combine(Directory, plugin);
        if (!System.IO.Directory.Exists(folder))
        {
            throw new InvalidOperationException($"The prompt folder {folder} is missing; AI:PromptsPath points at {Directory}.");
        }

        return new Kernel().CreatePluginFromPromptDirectory(folder, plugin);
    }
}
