using System.Globalization;
using CryptoDigest.Briefs;
using CryptoDigest.Replies;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Chat.Commands;

/// <summary>
/// /subscribe [HH:MM] [time zone]: the chat's daily brief. Alone it shows the setting; with a time or zone it
/// starts or changes the subscription (of the forum topic, when sent in one). A plain call, never a kernel
/// function: a model must not change what a chat receives.
/// </summary>
public sealed class SubscribeCommand(SubscriptionStore subscriptions, IOptions<BriefsOptions> briefs) : IChatCommandHandler
{
    public static ChatCommand Entry { get; } = new("subscribe", "[HH:MM] [time zone]", "Get the daily brief here at a local time (admins)", NeedsArgument: false)
    {
        // Every use, showing the setting included: a chat's brief is its admins' business, and the menus offer /subscribe to admins only.
        // It reads the subscription itself and settles its reply's language from it (one read, one write).
        SettlesLanguageItself = true,
        AdminRule = ChatAdminRule.EveryUse(
            "Only this chat's admins can use /subscribe here: it shows and changes the chat's daily brief. Ask one of them, or subscribe in a private chat with me."),
    };

    public ChatCommand Command => Entry;

    public async Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var (current, lastZone) = await subscriptions.FindWithLastZoneAsync(request.Platform, request.ChatId, request.ThreadId, cancellationToken);
        // The router's rule (ChatRouter.LanguageAsync) on the row read here: the active brief's language, else the member's.
        var texts = ReplyTexts.For(current is { Active: true }
            ? BriefLanguages.Find(current.Language) ?? BriefLanguages.Default
            : BriefLanguages.FromPlatform(request.MemberLocale ?? request.Locale));
        if (string.IsNullOrWhiteSpace(request.Argument))
        {
            return ChatReply.Text(current is { Active: true }
                ? texts.Format("Subscribe.Current", Settings(current).Describe(texts))
                : texts.Format("Subscribe.None", SubscriptionArguments.UsageIn(texts)));
        }

        var defaults = briefs.Value;
        var zone = current?.TimeZone ?? lastZone ?? defaults.DefaultTimeZone;
        var time = current?.DeliveryTime ?? TimeOnly.ParseExact(defaults.DefaultDeliveryTime, "HH:mm", CultureInfo.InvariantCulture);
        if (!SubscriptionArguments.TryParse(request.Argument, time, zone, texts, out var settings, out var error))
        {
            return ChatReply.Text(error);
        }

        await subscriptions.SubscribeAsync(request.Platform, request.ChatId, request.ThreadId, settings, exists: current is not null, cancellationToken, request.Locale);
        // The confirmation is in the brief's language: a new subscription starts in the chat's platform language.
        var confirmed = current is null ? ReplyTexts.For(BriefLanguages.FromPlatform(request.Locale)) : ReplyTexts.For(BriefLanguages.Find(current.Language) ?? BriefLanguages.Default);
        return ChatReply.Text(confirmed.Format("Subscribe.Done", settings.Describe(confirmed)));
    }

    private static SubscriptionSettings Settings(Storage.Subscription subscription) => new(
        subscription.DeliveryTime,
        subscription.TimeZone,
        subscription.SourceFilter.Split(',', StringSplitOptions.RemoveEmptyEntries));
}
