using System.Text;
using CryptoDigest.Replies;

namespace CryptoDigest.Chat;

/// <summary>Renders a reply as plain text for the console and scripts: every link written out as a URL.</summary>
public static class PlainTextRenderer
{
    public static string Render(ChatReply reply)
    {
        var texts = ReplyTexts.For(reply.Language);
        var text = new StringBuilder();
        foreach (var block in reply.Blocks)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            if (block.Heading is not null)
            {
                text.Append(block.Heading).Append('\n');
            }

            text.Append(block.Text).Append('\n');
            foreach (var citation in block.Citations)
            {
                text.Append(texts["Citation.Source"]).Append(": ").Append(citation.Title);
                if (citation.Url is not null)
                {
                    text.Append(" - ").Append(citation.Url.AbsoluteUri);
                }

                text.Append('\n');
            }
        }

        if (reply.Image is { } image)
        {
            text.Append("[image: ").Append(image.Caption).Append("]\n");
        }

        return text.ToString();
    }
}
