namespace CryptoDigest.Chat;

/// <summary>
/// A command members can send, as /help lists it and the platforms' menus offer it. Each handler in
/// Chat/Commands declares its own entry, admin rule included.
/// </summary>
/// <param name="Name">The command without its slash.</param>
/// <param name="Arguments">How its arguments are written, empty when it takes none.</param>
/// <param name="Description">One line for /help and the platforms' command menus (at most 100 characters).</param>
/// <param name="NeedsArgument">Whether the command is meaningless without an argument.</param>
public sealed record ChatCommand(string Name, string Arguments, string Description, bool NeedsArgument)
{
    public string Usage => Arguments.Length == 0 ? $"/{Name}" : $"/{Name} {Arguments}";

    /// <summary>A typical use, shown with the usage line when the argument is missing.</summary>
    public string? Example { get; init; }

    /// <summary>Which uses need the sender to administer the chat, and the refusal for anyone else; null when every use is for everyone.</summary>
    public ChatAdminRule? AdminRule { get; init; }

    /// <summary>Whether this use (by its argument) needs the sender to administer the chat.</summary>
    public bool NeedsChatAdmin(string argument) => AdminRule?.AppliesTo(argument.Trim()) ?? false;

    /// <summary>
    /// Whether the platforms' menus offer the command to admins only. A menu entry sends the bare
    /// command, so it is hidden from members exactly when a member would be refused the bare command.
    /// </summary>
    public bool IsForAdmins => NeedsChatAdmin(string.Empty);
}
