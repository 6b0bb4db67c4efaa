using CryptoDigest.Feeds;
using CryptoDigest.Feeds.Email;
using MimeKit;

namespace CryptoDigest.Tests.Feeds.Email;

/// <summary>
/// Hostile newsletter e-mails cost bounded work. Each read runs against a deadline many times what it
/// needs (well under a second): it is there to fail the test when a bound is missing, since without
/// one these messages take minutes or time a pattern out, not to measure speed.
/// </summary>
public class BoundedNewsletterEmailTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly FeedSourceSettings Letter = new() { Name = "Letter", SiteUrl = "https://letter.example.com/", EmailFrom = "news@letter.example.com" };

    [Fact]
    public async Task A_message_nested_a_hundred_thousand_levels_deep_reads_to_its_text()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 100_000)) + "the deep fact about staking" + string.Concat(Enumerable.Repeat("</div>", 100_000));

        var item = await ReadAsync(Message(html));

        Assert.Equal("the deep fact about staking", item.Text);
    }

    [Fact]
    public async Task A_link_text_of_a_hundred_thousand_characters_is_content_and_times_no_pattern_out()
    {
        // Built to make the old backtracking "view in browser" pattern retry at every one of its characters.
        var text = "having trouble viewing " + string.Concat(Enumerable.Repeat(" !", 50_000)) + "x";
        var html = $"<p>Rates fell. <a href=\"https://letter.example.com/p/rates\">{text}</a></p>";

        var item = await ReadAsync(Message(html));

        Assert.StartsWith("Rates fell. having trouble viewing", item.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fifty_thousand_unsubscribe_links_in_one_block_are_removed_without_quadratic_work()
    {
        var html = "<p>Real analysis of funding rates.</p><div>" + string.Concat(Enumerable.Repeat("<a href=\"https://letter.example.com/unsubscribe\"></a>", 50_000)) + "</div>";

        var item = await ReadAsync(Message(html));

        Assert.Equal("Real analysis of funding rates.", item.Text);
    }

    [Fact]
    public async Task A_text_issue_of_one_ten_megabyte_line_is_cut_to_the_text_cap()
    {
        var line = string.Concat(Enumerable.Repeat("satoshi https://letter.example.com/p/a?utm_source=x ", 200_000));

        var item = await ReadAsync(Message(html: null, text: line));

        Assert.InRange(item.Text.Length, HtmlText.MaxTextLength - HtmlText.MaxWordCut, HtmlText.MaxTextLength);
        Assert.DoesNotContain("utm_source", item.Text, StringComparison.Ordinal);
    }

    private static Task<FeedItem> ReadAsync(MimeMessage message) =>
        Task.Run(() => NewsletterEmail.Read(message, Letter, Now)).WaitAsync(Deadline);

    private static MimeMessage Message(string? html, string? text = null)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Letter", "news@letter.example.com"));
        message.Subject = "[Letter] Issue";
        message.MessageId = "issue@letter.example.com";
        message.Date = new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);
        message.Body = new BodyBuilder { HtmlBody = html, TextBody = text }.ToMessageBody();
        return message;
    }
}
