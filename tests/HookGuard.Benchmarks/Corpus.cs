using System.Text;

namespace HookGuard.Benchmarks;

/// <summary>Deterministic inputs: ordinary code that mentions many vendors' names, and hostile lines.</summary>
internal static class Corpus
{
    /// <summary>
    /// About <paramref name="megabytes"/> MB of ordinary C#: one line in 40 names a vendor or a credential word
    /// (a config key, a client call), as in application code; no tokens.
    /// </summary>
    public static string OrdinaryCode(int megabytes)
    {
        var dense = KeywordDense(1).Split('\n');
        var text = new StringBuilder(megabytes << 20);
        var line = 0;
        while (text.Length < megabytes << 20)
        {
            if (line % 40 == 0)
            {
                text.Append(dense[line % dense.Length]).Append('\n');
            }
            else
            {
                text.Append($"        var total{line % 13} = items.Where(item => item.Quantity > {line % 7}).Sum(item => item.Price * item.Quantity); // line {line}\n");
            }

            line++;
        }

        return text.ToString();
    }

    /// <summary>About <paramref name="megabytes"/> MB where every line wakes rules (vendor names, token, secret): the prefilter's worst case.</summary>
    public static string KeywordDense(int megabytes)
    {
        var random = new Random(42);
        string[] words = ["github", "stripe", "slack", "aws", "token", "api_key", "secret", "password", "client", "config",
            "datadog", "sentry", "openai", "npm", "docker", "azure", "google", "twilio", "sendgrid", "heroku"];
        var text = new StringBuilder(megabytes << 20);
        var line = 0;
        while (text.Length < megabytes << 20)
        {
            var word = words[random.Next(words.Length)];
            switch (line++ % 6)
            {
                case 0:
                    text.Append($"    public static string {word}Setting{line}(IConfiguration config) => config[\"{word.ToUpperInvariant()}_URL\"] ?? \"https://{word}.example.invalid/v{line % 9}\";\n");
                    break;
                case 1:
                    text.Append($"  {word}_{line % 97}: ${{{{ secrets.{word.ToUpperInvariant()}_TOKEN }}}}   # read from the CI secret store\n");
                    break;
                case 2:
                    text.Append($"    \"{word}Timeout\": {random.Next(1000, 99999)}, \"retries\": {random.Next(1, 9)}, \"name\": \"{word}-service-{line}\",\n");
                    break;
                case 3:
                    text.Append($"        var result = await _{word}Client.SendAsync(request, cancellationToken).ConfigureAwait(false); // {line}\n");
                    break;
                case 4:
                    text.Append($"commit = {random.NextInt64():x16}{random.NextInt64():x16}{random.Next():x8}\n");
                    break;
                default:
                    text.Append("    // Comments in prose: the token is read from the environment, never from this file.\n");
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>Lines built to make a backtracking regex slow: prefixes of many tokens repeated, without a complete one.</summary>
    public static string Adversarial(int kilobytes)
    {
        string[] fragments = ["ghp_", "sk_live_", "xoxb-", "AKIA", "-----BEGIN ", "eyJ", "api_key=\"", "https://user:", "glpat-", "SG."];
        var text = new StringBuilder(kilobytes << 10);
        var i = 0;
        while (text.Length < kilobytes << 10)
        {
            text.Append(fragments[i++ % fragments.Length]).Append("aaaaaaaa");
            if (i % 4000 == 0)
            {
                text.Append('\n');
            }
        }

        return text.ToString();
    }
}
