using System.Globalization;
using System.Text;
using CryptoDigest.Briefs;
using CryptoDigest.Replies;
using CryptoDigest.Storage;

namespace CryptoDigest.Chat.Commands;

/// <summary>
/// /settings: shows the chat's (or forum topic's) brief settings to anyone, and changes one of them for the
/// chat's admins (in a private chat, the member's own brief): language, topics, length, cadence, market,
/// time, zone and sources. A bad value gets the setting's one-line usage naming the valid values. A plain
/// call, never a kernel function: a model must not change what a chat receives.
/// </summary>
public sealed class SettingsCommand(SubscriptionStore subscriptions) : IChatCommandHandler
{
    public static ChatCommand Entry { get; } = new("settings", "[setting value]", "This chat's brief: language, topics, length, cadence, market (admins change)", NeedsArgument: false)
    {
        Example = "/settings topics +eth -nft",
        // Looking is for everyone; any change is the chat's admins' business, as /subscribe is.
        AdminRule = new(
            argument => argument.Length > 0,
            "Only this chat's admins can change its brief's settings. Anyone can see them with /settings."),
    };

    public ChatCommand Command => Entry;

    public async Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var current = await subscriptions.FindAsync(request.Platform, request.ChatId, request.ThreadId, cancellationToken);
        if (string.IsNullOrWhiteSpace(request.Argument))
        {
            return current is { Active: true } ? Show(current, null) : NoBrief();
        }

        if (!SettingChangeParser.TryParse(request.Argument, out var change, out var error))
        {
            return ChatReply.Text(error);
        }

        if (current is not { Active: true })
        {
            return NoBrief();
        }

        await subscriptions.ChangeAsync(request.Platform, request.ChatId, request.ThreadId, change, cancellationToken);
        var changed = await subscriptions.FindAsync(request.Platform, request.ChatId, request.ThreadId, cancellationToken) ?? current;
        return Show(changed, $"Changed {change.Setting} to {Shown(change)}.");
    }

    /// <summary>The settings as the chat sees them, one per line, headed by what just changed.</summary>
    public static ChatReply Show(Subscription subscription, string? changed)
    {
        var settings = BriefSettings.Of(subscription);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"language: {BriefLanguages.NativeName(settings.Language)} ({settings.Language})");
        text.AppendLine(CultureInfo.InvariantCulture, $"topics: {(settings.Topics.IsEmpty ? "everything" : settings.Topics.ToString())}");
        text.AppendLine(CultureInfo.InvariantCulture, $"length: {BriefSettings.LengthName(settings.Length)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"cadence: {settings.Cadence}");
        text.AppendLine(CultureInfo.InvariantCulture, $"market: {(settings.Market ? "on" : "off")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"time: {subscription.DeliveryTime.ToString("HH:mm", CultureInfo.InvariantCulture)} {subscription.TimeZone}");
        text.Append(CultureInfo.InvariantCulture, $"sources: {(subscription.SourceFilter.Length == 0 ? "all newsletters" : subscription.SourceFilter)}");
        var blocks = new List<ReplyBlock>();
        if (changed is not null)
        {
            blocks.Add(new ReplyBlock(null, changed));
        }

        blocks.Add(new ReplyBlock("This chat's brief", text.ToString()));
        blocks.Add(new ReplyBlock(null, "Admins change one with the buttons or /settings <setting> <value>, e.g. /settings topics +eth -nft or /settings cadence weekly mon."));
        return new ChatReply(blocks) { Buttons = Buttons(subscription.ChatId, settings) };
    }

    /// <summary>Language, length, cadence and market, the current choice of each marked; each button's payload names this chat.</summary>
    public static IReadOnlyList<IReadOnlyList<ReplyButton>> Buttons(string chatId, BriefSettings settings)
    {
        ReplyButton Button(string label, string setting, string value, bool current) =>
            new((current ? "• " : string.Empty) + label, SettingsButtonPayload.Encode(chatId, new SettingChange(setting, value)));

        var languages = BriefLanguages.Shipped
            .Select(code => Button(BriefLanguages.NativeName(code), SettingNames.Language, code, code == settings.Language))
            .ToList();
        var weeklyDay = settings.Cadence.Kind == BriefCadenceKind.Weekly ? settings.Cadence : BriefCadence.Weekly(DayOfWeek.Monday);
        return
        [
            languages[..3],
            languages[3..],
            [.. Enum.GetValues<BriefLength>().Select(l => Button(BriefSettings.LengthName(l), SettingNames.Length, BriefSettings.LengthName(l), l == settings.Length))],
            [
                Button("daily", SettingNames.Cadence, BriefCadence.Daily.ToString(), settings.Cadence == BriefCadence.Daily),
                Button("weekdays", SettingNames.Cadence, BriefCadence.Weekdays.ToString(), settings.Cadence == BriefCadence.Weekdays),
                Button(weeklyDay.ToString(), SettingNames.Cadence, weeklyDay.ToString(), settings.Cadence == weeklyDay),
            ],
            [
                Button("market on", SettingNames.Market, "on", settings.Market),
                Button("market off", SettingNames.Market, "off", !settings.Market),
            ],
        ];
    }

    private static ChatReply NoBrief() =>
        ChatReply.Text("This chat has no brief to set up yet. Start one with /subscribe; then /settings shows and changes it.");

    private static string Shown(SettingChange change) => change switch
    {
        { Setting: SettingNames.Topics, Value: "" } => "everything",
        { Setting: SettingNames.Sources, Value: "" } => "all newsletters",
        _ => change.Value,
    };
}
