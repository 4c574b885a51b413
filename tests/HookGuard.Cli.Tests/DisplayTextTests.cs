using HookGuard.Cli.Reports;

namespace HookGuard.Cli.Tests;

public class DisplayTextTests
{
    [TestCase("src/app.env", "src/app.env")]
    [TestCase("déploiement/clé secrète.env", "déploiement/clé secrète.env")]
    [TestCase("new\nline.env", "new\\nline.env")]
    [TestCase("esc\u001b[2Jname.env", "esc\\x1b[2Jname.env")]
    [TestCase("tab\tand\rcr", "tab\\tand\\rcr")]
    [TestCase("bidi\u202Egnp.exe", "bidi\\u202egnp.exe")]
    [TestCase("c1\u009bcontrol", "c1\\x9bcontrol")]
    public void Escape_RepositoryText_HasNoRawControlCharacters(string text, string expected)
    {
        Assert.That(DisplayText.Escape(text), Is.EqualTo(expected));
    }
}
