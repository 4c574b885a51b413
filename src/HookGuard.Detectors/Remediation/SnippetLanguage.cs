namespace HookGuard.Detectors.Remediation;

/// <summary>Languages the keep-it-out-of-code snippets are written in.</summary>
public enum SnippetLanguage
{
    CSharp,
    Python,
    Node,
    Go,
    Java,
}

public static class SnippetLanguages
{
    private static readonly (SnippetLanguage Language, string Name, string DisplayName)[] All =
    [
        (SnippetLanguage.CSharp, "csharp", "C#"),
        (SnippetLanguage.Python, "python", "Python"),
        (SnippetLanguage.Node, "node", "Node.js"),
        (SnippetLanguage.Go, "go", "Go"),
        (SnippetLanguage.Java, "java", "Java"),
    ];

    /// <summary>The names accepted by <c>--lang</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(l => l.Name).ToArray();

    public static string Name(this SnippetLanguage language) => All.First(l => l.Language == language).Name;

    public static string DisplayName(this SnippetLanguage language) => All.First(l => l.Language == language).DisplayName;

    public static bool TryParse(string name, out SnippetLanguage language)
    {
        foreach (var entry in All)
        {
            if (string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                language = entry.Language;
                return true;
            }
        }

        language = default;
        return false;
    }
}
