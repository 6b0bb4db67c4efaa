using System.Text;
using CryptoDigest.Feeds;
using CryptoDigest.Feeds.Email;
using MimeKit;

namespace CryptoDigest.Tests.Feeds.Email;

/// <summary>What members see from e-mail is clean: a broken message is an error for that message, and a subject that does not decode is never shown raw.</summary>
public class EmailDecodingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly FeedSourceSettings Ledger = new() { Name = "The Ledger", SiteUrl = "https://ledger.substack.com/", EmailFrom = "ledger@substack.com" };

    [Theory]
    [InlineData("=?utf-8?Q?Caf=C3=A9_au_lait_and_staking?=", "Café au lait and staking")]
    [InlineData("[The Ledger] =?utf-8?B?U3Rha2luZyBhZnRlciB0aGUgdXBncmFkZQ==?=", "Staking after the upgrade")]
    [InlineData("=?x-unknown-2026?B?SGVsbG8gd29ybGQ=?=", "Hello world")]
    [InlineData("=?utf-8?B?broken", "The Ledger, 30 Nov 2026")]
    [InlineData("=?utf-8?B?!!!?=", "The Ledger, 30 Nov 2026")]
    [InlineData("=?utf-8?B?SGVsbG8=?= =?utf-8?B?broken", "The Ledger, 30 Nov 2026")]
    [InlineData("=?utf-8?Q?Caf=ZZ?=", "The Ledger, 30 Nov 2026")]
    public void A_subject_is_shown_decoded_where_it_can_be_and_as_the_source_and_date_where_it_cannot(string subject, string title)
    {
        var item = NewsletterEmail.Read(Load($"Subject: {subject}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nValidators queued for withdrawal fell by half this week.\r\n"), Ledger, Now);

        Assert.Equal(title, item.Title);
    }

    [Fact]
    public void A_body_whose_base64_is_broken_is_an_error_for_the_message_never_an_article()
    {
        var message = Load("Subject: =?utf-8?B?broken\r\nContent-Type: text/plain; charset=\"x-unknown-2026\"\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!!not base64 at all$$$$\r\nAAAA////\r\n");

        var error = Assert.Throws<EmailFormatException>(() => NewsletterEmail.Read(message, Ledger, Now));

        Assert.Equal("the message's text is not valid base64", error.Message);
    }

    [Fact]
    public void A_body_of_undecodable_bytes_is_an_error_even_when_its_base64_is_valid()
    {
        var noise = Convert.ToBase64String(Enumerable.Range(0, 3000).Select(i => (byte)((i * 97 + 13) % 256)).ToArray(), Base64FormattingOptions.InsertLineBreaks);
        var message = Load($"Subject: Noise\r\nContent-Type: text/html; charset=\"x-unknown-2026\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{noise}\r\n");

        var error = Assert.Throws<EmailFormatException>(() => NewsletterEmail.Read(message, Ledger, Now));

        Assert.StartsWith("the message's text does not decode", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<p>!!! 42 ... ???</p>")]
    [InlineData("<p>🚀🚀🚀</p>")]
    public void A_body_with_no_words_is_an_error_not_an_article_shown_as_its_title(string html)
    {
        var message = Load($"Subject: Rockets\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}\r\n");

        var error = Assert.Throws<EmailFormatException>(() => NewsletterEmail.Read(message, Ledger, Now));

        Assert.Equal("the message has no readable text", error.Message);
    }

    [Fact]
    public void Without_a_date_the_server_s_arrival_time_dates_the_issue_not_the_time_it_was_read()
    {
        var message = Load("Subject: Undated\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nValidators queued for withdrawal fell by half this week.\r\n", date: null);
        var received = new DateTimeOffset(2026, 11, 28, 6, 30, 0, TimeSpan.Zero);

        var item = NewsletterEmail.Read(message, Ledger, Now, received);

        Assert.Equal((received, false), (item.Published, item.PublishedIsFetchTime));
    }

    private static MimeMessage Load(string headersAndBody, string? date = "Mon, 30 Nov 2026 07:00:00 +0000")
    {
        var raw = "From: The Ledger <ledger@substack.com>\r\nMessage-ID: <decoding@substack.test>\r\nMIME-Version: 1.0\r\n"
            + (date is null ? string.Empty : $"Date: {date}\r\n") + headersAndBody;
        return MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw)));
    }
}
