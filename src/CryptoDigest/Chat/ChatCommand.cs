using CryptoDigest.Replies;

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
    /// The handler reads the chat's subscription itself (and takes the language from it when it needs one), so the
    /// router does not read it first: /subscribe, a burst of which must cost one read and one write each.
    /// </summary>
    public bool SettlesLanguageItself { get; init; }

    /// <summary>The description in a language (resources Command.{name}.Description), English when a language lacks it.</summary>
    public string DescriptionIn(ReplyTexts texts) => texts.Find($"Command.{Name}.Description") ?? Description;

    /// <summary>The usage line with its argument names in a language; the command and its keywords stay as typed.</summary>
    public string UsageIn(ReplyTexts texts) =>
        Arguments.Length == 0 ? Usage : $"/{Name} {texts.Find($"Command.{Name}.Arguments") ?? Arguments}";

    /// <summary>The example in a language when it has words to translate (a question), else the example as typed.</summary>
    public string? ExampleIn(ReplyTexts texts) => Example is null ? null : texts.Find($"Command.{Name}.Example") ?? Example;

    /// <summary>The admin rule's refusal in a language; null when every use is for everyone.</summary>
    public string? RefusalIn(ReplyTexts texts) => AdminRule is null ? null : texts.Find($"Command.{Name}.Refusal") ?? AdminRule.Refusal;

    /// <summary>
    /// Whether the platforms' menus offer the command to admins only. A menu entry sends the bare
    /// command, so it is hidden from members exactly when a member would be refused the bare command.
    /// </summary>
    public bool IsForAdmins => NeedsChatAdmin(string.Empty);
}
