using HookGuard.TestKit;

namespace HookGuard.Cli.Tests.EndToEnd;

/// <summary>Reads what users copy from the documentation, so a test runs the documented text itself.</summary>
internal static class DocumentedSnippet
{
    /// <summary>The first fenced block of <paramref name="language"/> after the line <paramref name="heading"/> in <paramref name="document"/>.</summary>
    public static string Read(string document, string heading, string language)
    {
        var text = File.ReadAllText(SourceTree.PathOf(document)).Replace("\r\n", "\n", StringComparison.Ordinal);
        var section = text.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.That(section, Is.GreaterThanOrEqualTo(0), $"{document} has no '{heading}' section");
        var fence = text.IndexOf("```" + language + "\n", section, StringComparison.Ordinal);
        Assert.That(fence, Is.GreaterThanOrEqualTo(0), $"{document} has no {language} block after '{heading}'");
        var start = fence + language.Length + 4;
        var end = text.IndexOf("```", start, StringComparison.Ordinal);
        return text[start..end];
    }
}
