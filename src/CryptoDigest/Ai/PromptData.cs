namespace CryptoDigest.Ai;

/// <summary>
/// Prepares untrusted text (member messages, feed content) for a prompt's data section. The
/// prompts fence data between "=== BEGIN ... ===" and "=== END ... ===" lines, so the fence
/// sequence is broken up inside the data: a message cannot close its own quote and speak as
/// the bot. Semantic Kernel separately encodes the value so it cannot open a new chat message.
/// </summary>
public static class PromptData
{
    public static string Quote(string untrusted) => untrusted.Replace("===", "= = =", StringComparison.Ordinal);
}
