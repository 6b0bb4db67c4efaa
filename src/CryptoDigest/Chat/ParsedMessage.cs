namespace CryptoDigest.Chat;

/// <summary>A message split into its command (empty for plain text) and argument.</summary>
/// <param name="Command">Lower-case command name without the slash; empty for plain text.</param>
/// <param name="Argument">The rest of the message, trimmed.</param>
/// <param name="IsForAnotherBot">True for <c>/cmd@OtherBot</c>: in a group it is meant for someone else.</param>
public sealed record ParsedMessage(string Command, string Argument, bool IsForAnotherBot = false)
{
    public bool IsCommand => Command.Length > 0;
}
