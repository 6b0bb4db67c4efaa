namespace CryptoDigest.Chat;

/// <summary>
/// The admin rule of a command, declared once in its handler: which uses change the chat's own
/// settings, and the one refusal a member who is not an admin gets for them, from the router and
/// from the platform adapters alike.
/// </summary>
/// <param name="AppliesTo">Whether a use, by its trimmed argument, needs a chat admin.</param>
/// <param name="Refusal">The answer to a member who is not an admin.</param>
public sealed record ChatAdminRule(Func<string, bool> AppliesTo, string Refusal)
{
    /// <summary>A rule for a command every use of which needs a chat admin.</summary>
    public static ChatAdminRule EveryUse(string refusal) => new(_ => true, refusal);
}
