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
            return current is { Active: true } ? Show(current, null) : NoBrief(request.Texts);
        }

        if (!SettingChangeParser.TryParse(request.Argument, out var change, out var error, request.Texts))
        {
            return ChatReply.Text(error);
        }

        if (current is not { Active: true })
        {
            return NoBrief(request.Texts);
        }

        await subscriptions.ChangeAsync(request.Platform, request.ChatId, request.ThreadId, change, cancellationToken);
        var changed = await subscriptions.FindAsync(request.Platform, request.ChatId, request.ThreadId, cancellationToken) ?? current;
        // Shown in the chat's language after the change, so switching language answers in the new one.
        var texts = ReplyTexts.For(changed.Language);
        return Show(changed, texts.Format("Settings.Changed", change.Setting, Shown(change, BriefSettings.Of(changed), texts)));
    }

    /// <summary>The settings as the chat sees them, one per line, headed by what just changed.</summary>
    public static ChatReply Show(Subscription subscription, string? changed)
    {
        var settings = BriefSettings.Of(subscription);
        var texts = ReplyTexts.For(settings.Language);
        var text = new StringBuilder();
        text.AppendLine(texts.Format("Settings.Language", BriefLanguages.NativeName(settings.Language), settings.Language));
        text.AppendLine(texts.Format("Settings.Topics", settings.Topics.IsEmpty ? texts["Settings.Everything"] : settings.Topics.ToString()));
        text.AppendLine(texts.Format("Settings.Length", LengthLabel(settings.Length, texts)));
        text.AppendLine(texts.Format("Settings.Cadence", CadenceLabel(settings.Cadence, texts)));
        text.AppendLine(texts.Format("Settings.Market", settings.Market ? texts["Settings.On"] : texts["Settings.Off"]));
        text.AppendLine(texts.Format("Settings.Time", subscription.DeliveryTime.ToString("HH:mm", CultureInfo.InvariantCulture), subscription.TimeZone));
        text.Append(texts.Format("Settings.Sources", subscription.SourceFilter.Length == 0 ? texts["Settings.AllNewsletters"] : subscription.SourceFilter));
        var blocks = new List<ReplyBlock>();
        if (changed is not null)
        {
            blocks.Add(new ReplyBlock(null, changed));
        }

        blocks.Add(new ReplyBlock(texts["Settings.Heading"], text.ToString()));
        blocks.Add(new ReplyBlock(null, texts["Settings.Hint"]));
        return new ChatReply(blocks) { Buttons = Buttons(subscription.ChatId, settings) };
    }

    /// <summary>
    /// Language, length, cadence and market, the current choice of each marked, labelled in the chat's language
    /// (languages by their own names); each button's payload names this chat and the value as typed.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<ReplyButton>> Buttons(string chatId, BriefSettings settings)
    {
        var texts = ReplyTexts.For(settings.Language);
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
            [.. Enum.GetValues<BriefLength>().Select(l => Button(LengthLabel(l, texts), SettingNames.Length, BriefSettings.LengthName(l), l == settings.Length))],
            [
                Button(CadenceLabel(BriefCadence.Daily, texts), SettingNames.Cadence, BriefCadence.Daily.ToString(), settings.Cadence == BriefCadence.Daily),
                Button(CadenceLabel(BriefCadence.Weekdays, texts), SettingNames.Cadence, BriefCadence.Weekdays.ToString(), settings.Cadence == BriefCadence.Weekdays),
                Button(CadenceLabel(weeklyDay, texts), SettingNames.Cadence, weeklyDay.ToString(), settings.Cadence == weeklyDay),
            ],
            [
                Button(texts["Button.MarketOn"], SettingNames.Market, "on", settings.Market),
                Button(texts["Button.MarketOff"], SettingNames.Market, "off", !settings.Market),
            ],
        ];
    }

    private static ChatReply NoBrief(ReplyTexts texts) => ChatReply.Text(texts["Settings.NoBrief"]);

    private static string Shown(SettingChange change, BriefSettings settings, ReplyTexts texts) => change switch
    {
        { Setting: SettingNames.Topics, Value: "" } => texts["Settings.Everything"],
        { Setting: SettingNames.Sources, Value: "" } => texts["Settings.AllNewsletters"],
        { Setting: SettingNames.Length } => LengthLabel(settings.Length, texts),
        { Setting: SettingNames.Cadence } => CadenceLabel(settings.Cadence, texts),
        { Setting: SettingNames.Market } => settings.Market ? texts["Settings.On"] : texts["Settings.Off"],
        { Setting: SettingNames.Language } => BriefLanguages.NativeName(settings.Language),
        _ => change.Value,
    };

    private static string LengthLabel(BriefLength length, ReplyTexts texts) => texts[length switch
    {
        BriefLength.Headlines => "Length.Headlines",
        BriefLength.InDepth => "Length.InDepth",
        _ => "Length.Standard",
    }];

    /// <summary>"daily", "weekdays" or "weekly fri" in English; the day's name in other languages.</summary>
    private static string CadenceLabel(BriefCadence cadence, ReplyTexts texts) => cadence.Kind switch
    {
        BriefCadenceKind.Weekly => texts.Format("Cadence.Weekly", texts[$"Day.{cadence.Day}"]),
        BriefCadenceKind.Weekdays => texts["Cadence.Weekdays"],
        _ => texts["Cadence.Daily"],
    };
}
