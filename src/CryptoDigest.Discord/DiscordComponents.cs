using CryptoDigest.Replies;

namespace CryptoDigest.Discord;

/// <summary>A reply's buttons as Discord action rows: at most five rows of five buttons, labels within 80 characters.</summary>
internal static class DiscordComponents
{
    private const int MaxRows = 5;
    private const int MaxButtonsPerRow = 5;
    private const int MaxLabelLength = 80;

    // The current choice is marked "• " by whoever made the buttons; Discord also shows it in the primary style.
    public static IReadOnlyList<DiscordComponent> From(IReadOnlyList<IReadOnlyList<ReplyButton>> rows) =>
        rows.Take(MaxRows)
            .Select(row => new DiscordComponent(DiscordComponent.ActionRow)
            {
                Components = row.Take(MaxButtonsPerRow).Select(b => new DiscordComponent(DiscordComponent.Button)
                {
                    Style = b.Label.StartsWith("• ", StringComparison.Ordinal) ? DiscordComponent.PrimaryStyle : DiscordComponent.SecondaryStyle,
                    Label = b.Label.Length <= MaxLabelLength ? b.Label : b.Label[..MaxLabelLength],
                    CustomId = b.Payload,
                }).ToList(),
            })
            .ToList();
}
