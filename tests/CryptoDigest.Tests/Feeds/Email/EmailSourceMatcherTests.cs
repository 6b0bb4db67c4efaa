using System.ComponentModel.DataAnnotations;
using CryptoDigest.Feeds;
using CryptoDigest.Feeds.Email;

namespace CryptoDigest.Tests.Feeds.Email;

public class EmailSourceMatcherTests
{
    private static readonly FeedSourceSettings[] Sources =
    [
        new() { Name = "Broad", EmailFrom = "@example.com" },
        new() { Name = "Narrow", EmailFrom = "@mail.example.com" },
        new() { Name = "Exact", EmailFrom = "weekly@mail.example.com, Other@Example.org" },
        new() { Name = "Listed", EmailListId = "Listed <listed.lists.example.net>" },
        new() { Name = "Off", EmailFrom = "off@example.test", Enabled = false },
        new() { Name = "Feed only", FeedUrl = "https://feed.example.com/rss" },
    ];

    [Theory]
    [InlineData("weekly@mail.example.com", null, "Exact")]
    [InlineData("OTHER@example.ORG", null, "Exact")]
    [InlineData("daily@mail.example.com", null, "Narrow")]
    [InlineData("daily@news.mail.example.com", null, "Narrow")]
    [InlineData("anyone@example.com", null, "Broad")]
    [InlineData("weekly@mail.example.com", "The list <listed.lists.example.net>", "Listed")]
    [InlineData("stranger@elsewhere.test", "listed.lists.example.net", "Listed")]
    [InlineData("someone@notexample.com", null, null)]
    [InlineData("off@example.test", null, null)]
    [InlineData("stranger@elsewhere.test", "<unknown.example.net>", null)]
    public void A_message_goes_to_the_list_id_then_the_exact_sender_then_the_longest_sender_domain(string from, string? listId, string? expected)
    {
        Assert.Equal(expected, new EmailSourceMatcher(Sources).Match([from], listId)?.Name);
    }

    [Fact]
    public void The_fingerprint_changes_when_the_claims_change_and_only_then()
    {
        var before = new EmailSourceMatcher(Sources).Fingerprint;
        var same = new EmailSourceMatcher([.. Sources]).Fingerprint;
        var changed = new EmailSourceMatcher([.. Sources, new FeedSourceSettings { Name = "New", EmailFrom = "new@example.test" }]).Fingerprint;

        Assert.Equal(before, same);
        Assert.NotEqual(before, changed);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("localhost", true)]
    [InlineData("::1", true)]
    [InlineData("imap.example.com", false)]
    [InlineData("10.0.0.5", false)]
    public void Plaintext_imap_is_allowed_only_to_a_loopback_host_with_the_switch_on(string host, bool allowed)
    {
        var options = new EmailOptions { Host = host, Username = "bot", Password = "p", UseTls = false, AllowInsecureLoopback = true };

        var errors = options.Validate(new ValidationContext(options)).ToList();

        Assert.Equal(allowed, errors.Count == 0);
        var secure = new EmailOptions { Host = host, Username = "bot", Password = "p" };
        Assert.Empty(secure.Validate(new ValidationContext(secure)));
    }

    [Fact]
    public void A_password_never_appears_in_a_validation_message_or_the_mailbox_name()
    {
        var options = new EmailOptions { Host = "imap.example.com", Username = "bot", Password = "hunter2-secret", AccessToken = "token-secret" };

        var messages = options.Validate(new ValidationContext(options)).Select(e => e.ErrorMessage).ToList();

        Assert.Contains("Email:Password or Email:AccessToken (one of the two) is required when Email:Host is set.", messages);
        Assert.DoesNotContain(messages, m => m!.Contains("secret", StringComparison.Ordinal));
        Assert.Equal("bot@imap.example.com:993/INBOX", options.MailboxName);
    }
}
