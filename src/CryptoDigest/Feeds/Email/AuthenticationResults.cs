using System.Text;

namespace CryptoDigest.Feeds.Email;

/// <summary>
/// An Authentication-Results header field (RFC 8601): the authserv-id of the server that checked
/// the message, then its results ("mx.google.com; dkim=pass header.i=@example.com; dmarc=pass
/// header.from=example.com"). Comments in parentheses are dropped, values may be quoted, and
/// spaces may surround "=". A header that starts with a result instead of an authserv-id (as
/// Microsoft 365 writes it) has an empty authserv-id and so can never be the trusted one.
/// </summary>
public sealed record AuthenticationResults(string AuthservId, IReadOnlyList<AuthenticationResult> Results)
{
    // One header value read at most: real ones are a few hundred characters, and the reading stays bounded.
    private const int MaxLength = 16_384;

    public static AuthenticationResults Parse(string value)
    {
        var statements = Statements(StripComments(value.Length <= MaxLength ? value : value[..MaxLength]));
        var authservId = string.Empty;
        var results = new List<AuthenticationResult>();
        for (var i = 0; i < statements.Count; i++)
        {
            var tokens = statements[i];
            if (i == 0 && tokens.Count > 0 && !tokens.Contains("="))
            {
                // authserv-id [version]: the first word is the server's name.
                authservId = Unquote(tokens[0]);
                continue;
            }

            if (Result(tokens) is { } result)
            {
                results.Add(result);
            }
        }

        return new AuthenticationResults(authservId, results);
    }

    /// <summary>"method[/version] = result" then "name = value" pairs (reason and ptype.property); null for "none" or anything unreadable.</summary>
    private static AuthenticationResult? Result(List<string> tokens)
    {
        var pairs = new List<(string Name, string Value)>();
        for (var i = 0; i + 2 < tokens.Count; i++)
        {
            if (tokens[i] != "=" && tokens[i + 1] == "=" && tokens[i + 2] != "=")
            {
                pairs.Add((tokens[i].ToLowerInvariant(), Unquote(tokens[i + 2])));
                i += 2;
            }
        }

        if (pairs.Count == 0)
        {
            return null;
        }

        var method = pairs[0].Name.Split('/', 2)[0];
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in pairs.Skip(1))
        {
            properties.TryAdd(name, value);
        }

        return new AuthenticationResult(method, pairs[0].Value.ToLowerInvariant(), properties);
    }

    /// <summary>The text without (comments), which may nest and hold escaped characters; quoted strings are kept whole.</summary>
    private static string StripComments(string value)
    {
        var text = new StringBuilder(value.Length);
        var depth = 0;
        var quoted = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\' && (quoted || depth > 0) && i + 1 < value.Length)
            {
                if (depth == 0)
                {
                    text.Append(c).Append(value[i + 1]);
                }

                i++;
                continue;
            }

            if (depth == 0 && c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '(')
            {
                depth++;
                continue;
            }
            else if (!quoted && c == ')' && depth > 0)
            {
                depth--;
                text.Append(' ');
                continue;
            }

            if (depth == 0)
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    /// <summary>The ";"-separated statements, each as tokens: words, quoted strings and "=".</summary>
    private static List<List<string>> Statements(string text)
    {
        var statements = new List<List<string>> { new() };
        var word = new StringBuilder();
        void EndWord()
        {
            if (word.Length > 0)
            {
                statements[^1].Add(word.ToString());
                word.Clear();
            }
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"':
                    i = AppendQuoted(text, i, word);
                    break;
                case ';':
                    EndWord();
                    statements.Add([]);
                    break;
                case '=':
                    EndWord();
                    statements[^1].Add("=");
                    break;
                default:
                    if (char.IsWhiteSpace(c))
                    {
                        EndWord();
                    }
                    else
                    {
                        word.Append(c);
                    }

                    break;
            }
        }

        EndWord();
        return statements;
    }

    /// <summary>Appends the quoted string opening at <paramref name="open"/>, escapes and all, to the word; returns the index of its closing quote (or the last index).</summary>
    private static int AppendQuoted(string text, int open, StringBuilder word)
    {
        word.Append('"');
        for (var i = open + 1; i < text.Length; i++)
        {
            var c = text[i];
            word.Append(c);
            if (c == '\\' && i + 1 < text.Length)
            {
                word.Append(text[++i]);
            }
            else if (c == '"')
            {
                return i;
            }
        }

        return text.Length - 1;
    }

    private static string Unquote(string token)
    {
        if (token.Length < 2 || token[0] != '"' || token[^1] != '"')
        {
            return token;
        }

        var text = new StringBuilder(token.Length);
        for (var i = 1; i < token.Length - 1; i++)
        {
            if (token[i] == '\\' && i + 1 < token.Length - 1)
            {
                i++;
            }

            text.Append(token[i]);
        }

        return text.ToString();
    }
}
