using System.Text;
using HookGuard.Detectors.Engine;

namespace HookGuard.Detectors.Tests.Engine;

public class KeywordMatcherTests
{
    private static readonly string[] CatalogueKeywords = RuleCases.Catalog.Rules
        .SelectMany(rule => rule.Keywords)
        .Select(keyword => keyword.ToLowerInvariant())
        .Distinct(StringComparer.Ordinal)
        .ToArray();

    private static KeywordMatcher<string> Matcher(IEnumerable<string> keywords) =>
        new(keywords.Select(keyword => (keyword, keyword)));

    /// <summary>Every (position, keyword) the matcher reports, walking the text the way the scanner does.</summary>
    private static List<(int At, string Keyword)> AllMatches(KeywordMatcher<string> matcher, string text)
    {
        var result = new List<(int, string)>();
        var found = new List<string>();
        for (var at = matcher.IndexOfAny(text, 0, found); at >= 0; at = matcher.IndexOfAny(text, at + 1, found))
        {
            result.AddRange(found.Order(StringComparer.Ordinal).Select(keyword => (at, keyword)));
        }

        return result;
    }

    /// <summary>The same, by the obvious method: every keyword tried at every position, ignoring case.</summary>
    private static List<(int At, string Keyword)> NaiveMatches(IReadOnlyList<string> keywords, string text)
    {
        var lower = text.ToLowerInvariant();
        var result = new List<(int, string)>();
        for (var at = 0; at < lower.Length; at++)
        {
            result.AddRange(keywords
                .Where(keyword => string.CompareOrdinal(lower, at, keyword, 0, keyword.Length) == 0 && at + keyword.Length <= lower.Length)
                .Order(StringComparer.Ordinal)
                .Select(keyword => (at, keyword)));
        }

        return result;
    }

    [Test]
    public void IndexOfAny_EveryCatalogueKeywordInMixedCase_IsFoundWhereItStarts()
    {
        var matcher = Matcher(CatalogueKeywords);
        var found = new List<string>();
        foreach (var keyword in CatalogueKeywords)
        {
            var mixed = string.Concat(keyword.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : c));
            var text = $"\n\n{mixed}\n";

            var at = matcher.IndexOfAny(text, 0, found);

            Assert.That((at, found.Contains(keyword)), Is.EqualTo((2, true)), keyword);
        }
    }

    [Test]
    public void IndexOfAny_RandomTextFromKeywordCharacters_AgreesWithTryingEveryKeywordEverywhere()
    {
        var matcher = Matcher(CatalogueKeywords);
        // Text built from keyword fragments and their characters makes near-misses and overlaps common.
        var random = new Random(20261124);
        for (var round = 0; round < 200; round++)
        {
            var text = new StringBuilder();
            while (text.Length < 400)
            {
                var keyword = CatalogueKeywords[random.Next(CatalogueKeywords.Length)];
                var piece = random.Next(3) switch
                {
                    0 => keyword,
                    1 => keyword[..random.Next(1, keyword.Length)],
                    _ => keyword[random.Next(keyword.Length)].ToString(),
                };
                text.Append(random.Next(2) == 0 ? piece.ToUpperInvariant() : piece);
            }

            var input = text.ToString();
            Assert.That(AllMatches(matcher, input), Is.EqualTo(NaiveMatches(CatalogueKeywords, input)), input);
        }
    }

    [Test]
    public void IndexOfAny_RandomTextWithCharactersOutsideAscii_AgreesWithTryingEveryKeywordEverywhere()
    {
        // The fast loop reads four characters at a time and leaves windows holding a character outside ASCII to the
        // slow path; keywords right next to such characters, and characters that fold into ASCII (the Kelvin sign is
        // a 'k'), must be found exactly as elsewhere, at every offset from the start of a four-character round.
        var matcher = Matcher(CatalogueKeywords);
        string[] others = ["é", "Ü", "\u212A", "日", "ß", "\u0130", "ǅ"];
        var random = new Random(20261125);
        for (var round = 0; round < 300; round++)
        {
            var text = new StringBuilder();
            text.Append('x', random.Next(8));
            while (text.Length < 200)
            {
                var keyword = CatalogueKeywords[random.Next(CatalogueKeywords.Length)];
                text.Append(random.Next(3) switch
                {
                    0 => keyword.ToUpperInvariant(),
                    1 => keyword[..random.Next(1, keyword.Length)],
                    _ => keyword,
                });
                text.Append(others[random.Next(others.Length)], 0, random.Next(2));
                text.Append(" ="[random.Next(2)], random.Next(3));
            }

            var input = text.ToString();
            Assert.That(AllMatches(matcher, input), Is.EqualTo(NaiveMatches(CatalogueKeywords, input)), input);
        }
    }

    [Test]
    public void IndexOfAny_KelvinSignForK_IsFoundAsTheRegexWithIgnoreCaseFindsIt()
    {
        var matcher = Matcher(["key", "token"]);

        Assert.That(AllMatches(matcher, "a \u212Aey=1; the \u212AEY"), Is.EqualTo(new[] { (2, "key"), (13, "key") }));
    }

    [Test]
    public void IndexOfAny_KeywordThatIsPrefixOfAnother_ReportsBothAtOnePosition()
    {
        var matcher = Matcher(["sk_", "sk_live_"]);

        Assert.That(AllMatches(matcher, "key = SK_LIVE_x"), Is.EqualTo(new[] { (6, "sk_"), (6, "sk_live_") }));
    }

    [Test]
    public void IndexOfAny_KeywordAtTheVeryEndOrOverlappingIt_IsFoundOnlyWhenWhole()
    {
        var matcher = Matcher(["token"]);

        Assert.That(AllMatches(matcher, "tok"), Is.Empty);
        Assert.That(AllMatches(matcher, "toke"), Is.Empty);
        Assert.That(AllMatches(matcher, "a TOKEN"), Is.EqualTo(new[] { (2, "token") }));
        Assert.That(AllMatches(matcher, "tokentoken"), Is.EqualTo(new[] { (0, "token"), (5, "token") }));
    }

    [Test]
    public void IndexOfAny_ThreeCharacterKeywordInTheLastThreeCharacters_IsFound()
    {
        // The last three positions have no fourth character to hash; only short keywords can start there.
        var matcher = Matcher(["key", "token"]);

        Assert.That(AllMatches(matcher, "KEY"), Is.EqualTo(new[] { (0, "key") }));
        Assert.That(AllMatches(matcher, "a key"), Is.EqualTo(new[] { (2, "key") }));
        Assert.That(AllMatches(matcher, "a tok"), Is.Empty);
    }

    [Test]
    public void IndexOfAny_NonAsciiKeyword_IgnoresCaseToo()
    {
        var matcher = Matcher(["contraseña"]);

        Assert.That(AllMatches(matcher, "CONTRASEÑA=x"), Is.EqualTo(new[] { (0, "contraseña") }));
        Assert.That(AllMatches(matcher, "contrasena=x"), Is.Empty);
    }

    [Test]
    public void IndexOfAny_TextOfNonAsciiAndShortInputs_FindsNothingAndDoesNotThrow()
    {
        var matcher = Matcher(CatalogueKeywords);
        var found = new List<string>();

        Assert.That(matcher.IndexOfAny("", 0, found), Is.EqualTo(-1));
        Assert.That(matcher.IndexOfAny("ke", 0, found), Is.EqualTo(-1));
        Assert.That(matcher.IndexOfAny("key", 3, found), Is.EqualTo(-1));
        Assert.That(matcher.IndexOfAny("日本語のテキスト、Ünïcödé ⅀∑ \u0000\uffff", 0, found), Is.EqualTo(-1));
    }

    [Test]
    public void Constructor_KeywordShorterThanThreeCharacters_IsRefused()
    {
        Assert.That(() => Matcher(["ab"]), Throws.ArgumentException.With.Message.Contains("shorter than 3"));
    }
}
