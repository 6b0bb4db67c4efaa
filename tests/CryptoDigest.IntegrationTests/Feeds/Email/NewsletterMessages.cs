using System.Text;
using CryptoDigest.IntegrationTests.Infrastructure;
using MimeKit;

namespace CryptoDigest.IntegrationTests.Feeds.Email;

/// <summary>
/// Newsletter e-mails of our own making in the shapes Substack and beehiiv send (web-version
/// link, tracked links, share buttons, hidden preheader, tracking pixel, forwarded box, footer),
/// plus the awkward ones: a broken message, an over-size one, an unknown charset, no body.
/// Each arrives as the operator's provider would hand it over: with that provider's
/// Authentication-Results header on top, vouching for its sender (<see cref="Vouched"/>).
/// Every address is reserved (.example.com, .test) or the platforms' own pattern with invented names.
/// </summary>
internal static class NewsletterMessages
{
    public const string SubstackSender = "ledger@substack.com";
    public const string SubstackListId = "ledger.substack.com";
    public const string BeehiivSender = "dairy@mail.beehiiv.com";

    /// <summary>The trusted provider's verdict on a message from <paramref name="domain"/> that passes DKIM and DMARC.</summary>
    public static string Vouched(string domain) =>
        $"{DovecotServer.TrustedAuthservId}; dkim=pass header.i=@{domain} header.s=s1 header.b=AbCdEf; spf=pass (sender is allowed) smtp.mailfrom=bounce@{domain}; dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from={domain}";

    /// <summary>The message with exactly these Authentication-Results headers, top-most first (replacing any it had).</summary>
    public static MimeMessage WithAuthenticationResults(MimeMessage message, params string[] topFirst)
    {
        message.Headers.RemoveAll(HeaderId.AuthenticationResults);
        for (var i = topFirst.Length - 1; i >= 0; i--)
        {
            message.Headers.Insert(0, new Header(HeaderId.AuthenticationResults, topFirst[i]));
        }

        return message;
    }

    public static readonly DateTimeOffset IssueDate = new(2026, 11, 30, 7, 15, 0, TimeSpan.FromHours(-5));

    /// <summary>A Substack-style issue of "The Ledger": title link, "View in browser" through open.substack.com, trackers, share row, footer.</summary>
    public static MimeMessage Substack(string slug = "staking-after-the-upgrade", string title = "Staking after the upgrade", string? messageId = null, string paragraph = "Validators queued for withdrawal fell by half this week.")
    {
        var html = $"""
            <html><head><style>p {"{"} margin: 0 {"}"}</style></head><body>
            <div style="display:none;max-height:0;overflow:hidden">Hidden preheader about nothing in particular</div>
            <table><tr><td style="text-align:right"><a href="https://open.substack.com/pub/ledger/p/{slug}?utm_source=email&amp;redirect=app-store">View in browser</a></td></tr></table>
            <h1><a href="https://ledger.substack.com/p/{slug}?utm_source=substack&amp;utm_medium=email">{title}</a></h1>
            <table><tr>
              <td><a href="https://ledger.substack.com/p/{slug}?action=share">Share</a></td>
              <td><a href="https://social.example.com/intent/post?text={slug}">Tweet</a></td>
            </tr></table>
            <p>{paragraph}</p>
            <p>The full numbers are in <a href="https://substack.com/redirect/8c1f0e2a-1111-4e44-9a9b-000000000001?j=eyJ1IjoiMTIzIn0.signature">this dashboard</a>, updated daily.</p>
            <p>Liquid staking tokens now hold a third of all staked ether.</p>
            <div class="forwarded"><p>Forwarded this email? <a href="https://ledger.substack.com/subscribe?utm_source=email">Subscribe here</a> for more</p></div>
            <div class="footer"><p>© 2026 The Ledger<br>548 Example Street, Suite 1, Nowhere</p>
            <p><a href="https://ledger.substack.com/action/disable_email?token=abc">Unsubscribe</a></p></div>
            <img src="https://eotrx.substackcdn.example.com/open?token=xyz" width="1" height="1" alt="" border="0">
            </body></html>
            """;
        var message = Build("The Ledger", SubstackSender, $"[The Ledger] {title}", messageId ?? $"<{slug}.{Guid.NewGuid():N}@substack.test>", html, text: null);
        message.Headers.Add("List-Id", $"The Ledger <{SubstackListId}>");
        message.Headers.Add("List-Unsubscribe", "<https://ledger.substack.com/action/disable_email?token=abc>");
        return message;
    }

    /// <summary>A beehiiv-style issue of "Dairy Desk": "Read Online" link with tracking parameters, opaque trackers, preferences footer, and a text part.</summary>
    public static MimeMessage Beehiiv(string slug = "bitcoin-breaks-out", string title = "Bitcoin breaks out")
    {
        var html = $"""
            <html><body>
            <span class="preheader" style="color:transparent;display:none">Also hidden</span>
            <p style="font-size:12px"><a href="https://dairy.beehiiv.com/p/{slug}?utm_source=dairy&amp;utm_medium=newsletter&amp;utm_campaign={slug}&amp;_bhlid=0a1b2c">Read Online</a></p>
            <h2>{title}</h2>
            <p>GM. Bitcoin closed above its old high for a third day.</p>
            <p>Funding rates stayed flat, which <a href="https://link.mail.beehiiv.com/ss/c/u001.AbCdEf/4ab/GhIjKl">our partner</a> reads as spot demand.</p>
            <p>See the <a href="https://click.tracker.example.com/c?url=https%3A%2F%2Fcharts.example.com%2Fbtc%3Futm_source%3Ddairy">chart</a>.</p>
            <table class="footer"><tr><td>
              <p>You are receiving this because you subscribed to Dairy Desk.</p>
              <p><a href="https://dairy.beehiiv.com/subscribe/preferences">Update your email preferences</a> or <a href="https://dairy.beehiiv.com/unsubscribe?id=1">unsubscribe</a></p>
            </td></tr></table>
            </body></html>
            """;
        return Build("Dairy Desk", BeehiivSender, $"🥛 {title}", $"<{slug}@mail.beehiiv.test>", html, text: "PLAIN PART ONLY: this text must not be used when HTML exists.");
    }

    /// <summary>An ordinary message nobody subscribed to.</summary>
    public static MimeMessage Unclaimed() =>
        Build("Shop", "offers@shop.example.com", "50% off everything", "<offer-1@shop.example.com>", "<p>Buy things.</p>", text: null);

    /// <summary>A message from The Ledger whose MIME structure is broken: a multipart body without its boundary, so no part can be read.</summary>
    public static byte[] Broken() => Encoding.ASCII.GetBytes(
        $"Authentication-Results: {Vouched("substack.com")}\r\n"
        + "From: The Ledger <ledger@substack.com>\r\n"
        + "To: bot@digest.test\r\n"
        + "Subject: [The Ledger] Broken issue\r\n"
        + "Message-ID: <broken-1@substack.test>\r\n"
        + "Date: Mon, 30 Nov 2026 07:00:00 -0500\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: multipart/alternative; boundary=\"never-used\"\r\n"
        + "\r\n"
        + "this preamble is all there is; no part ever starts\r\n");

    /// <summary>A Ledger issue larger than <paramref name="bytes"/>.</summary>
    public static MimeMessage Large(int bytes)
    {
        var filler = new StringBuilder("<p>");
        while (filler.Length < bytes)
        {
            filler.Append("Padding words for a very long issue. ");
        }

        return Build("The Ledger", SubstackSender, "[The Ledger] A very long issue", "<large-1@substack.test>", filler.Append("</p>").ToString(), text: null);
    }

    /// <summary>A Ledger issue with this subject and HTML, vouched for like the others.</summary>
    public static MimeMessage Ledger(string subject, string html) =>
        Build("The Ledger", SubstackSender, subject, $"<{Guid.NewGuid():N}@substack.test>", html, text: null);

    /// <summary>
    /// A Ledger message broken three ways at once, as seen from outside: a subject whose encoded word
    /// never ends, a charset nobody knows, and base64 with characters base64 has not.
    /// </summary>
    public static byte[] BrokenMime() => Encoding.ASCII.GetBytes(
        $"Authentication-Results: {Vouched("substack.com")}\r\n"
        + "From: The Ledger <ledger@substack.com>\r\n"
        + "To: bot@digest.test\r\n"
        + "Subject: =?utf-8?B?broken\r\n"
        + "Message-ID: <broken-mime-1@substack.test>\r\n"
        + "Date: Mon, 30 Nov 2026 07:00:00 -0500\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=\"x-unknown-2026\"\r\n"
        + "Content-Transfer-Encoding: base64\r\n"
        + "\r\n"
        + "!!!!not base64 at all$$$$\r\nAAAA////\r\n");

    /// <summary>A Ledger issue whose HTML nests <paramref name="depth"/> elements, the deepest holding its only words.</summary>
    public static MimeMessage Deep(int depth)
    {
        var html = string.Concat(Enumerable.Repeat("<div>", depth)) + "Validators deep in the markup still count." + string.Concat(Enumerable.Repeat("</div>", depth));
        return Build("The Ledger", SubstackSender, "[The Ledger] A deep issue", $"<deep-{depth}@substack.test>", html, text: null);
    }

    /// <summary>A Dairy Desk issue whose text part names a charset nobody knows; the bytes are UTF-8.</summary>
    public static byte[] UnknownCharset() => Encoding.UTF8.GetBytes(
        $"Authentication-Results: {Vouched("mail.beehiiv.com")}\r\n"
        + "From: Dairy Desk <dairy@mail.beehiiv.com>\r\n"
        + "Subject: Stablecoin supply ticks up\r\n"
        + "Message-ID: <charset-1@mail.beehiiv.test>\r\n"
        + "Date: Tue, 01 Dec 2026 06:00:00 +0000\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=\"x-unknown-2026\"\r\n"
        + "Content-Transfer-Encoding: 8bit\r\n"
        + "\r\n"
        + "Stablecoin supply rose 2% — the fourth week in a row.\r\n"
        + "View in browser: https://dairy.beehiiv.com/p/stablecoin-supply?utm_source=dairy\r\n");

    /// <summary>A Ledger message with only an attachment: no HTML and no text to read.</summary>
    public static MimeMessage NoBody()
    {
        var message = Build("The Ledger", SubstackSender, "[The Ledger] Slides", "<slides-1@substack.test>", html: null, text: null);
        var attachment = new MimePart("application", "pdf") { Content = new MimeContent(new MemoryStream([0x25, 0x50, 0x44, 0x46])), FileName = "slides.pdf" };
        message.Body = new Multipart("mixed") { attachment };
        return message;
    }

    private static MimeMessage Build(string name, string address, string subject, string messageId, string? html, string? text)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(name, address));
        message.To.Add(new MailboxAddress("Digest bot", "bot@digest.test"));
        message.Subject = subject;
        message.MessageId = messageId.Trim('<', '>');
        message.Date = IssueDate;
        var body = new BodyBuilder();
        if (html is not null)
        {
            body.HtmlBody = html;
        }

        if (text is not null)
        {
            body.TextBody = text;
        }

        message.Body = body.ToMessageBody();
        return WithAuthenticationResults(message, Vouched(address[(address.IndexOf('@') + 1)..]));
    }
}
