using System.Text;

namespace HookGuard.Config.Tests;

[TestFixture]
public sealed class JsonLineMapTests
{
    private const string Config = """
        {
          "allow": {
            "regexes": [
              "^a",
              "^b",
              "^c"
            ],
            "stopwords": ["one", "two", "three"]
          },
          "customRules": [
            {
              "provider": "Acme",
              "rules": [
                { "id": "acme-first-key" },
                {
                  "id": "acme-second-key",
                  "pattern":
                    "(?<secret>x)",
                  "remediation": {
                    "revokeUrl": "http://acme.invalid"
                  }
                }
              ]
            }
          ],
          "nested": [[1, 2], [3,
            4]]
        }
        """;

    private static JsonLineMap Map(string json) => JsonLineMap.Build(Encoding.UTF8.GetBytes(json));

    [TestCase("$", 1)]
    [TestCase("$.allow", 2)]
    [TestCase("$.allow.regexes", 3)]
    [TestCase("$.allow.regexes[0]", 4)]
    [TestCase("$.allow.regexes[2]", 6)]
    [TestCase("$.allow.stopwords[2]", 8)]
    [TestCase("$.customRules[0]", 11)]
    [TestCase("$.customRules[0].provider", 12)]
    [TestCase("$.customRules[0].rules[0]", 14)]
    [TestCase("$.customRules[0].rules[0].id", 14)]
    [TestCase("$.customRules[0].rules[1]", 15)]
    [TestCase("$.customRules[0].rules[1].id", 16)]
    [TestCase("$.customRules[0].rules[1].remediation.revokeUrl", 20)]
    [TestCase("$.nested[0][1]", 26)]
    [TestCase("$.nested[1][1]", 27)]
    public void LineOf_ValueInTheDocument_IsItsLine(string path, int line)
    {
        Assert.That(Map(Config).LineOf(path), Is.EqualTo(line));
    }

    [Test]
    public void LineOf_ValueOnTheLineAfterItsKey_IsTheKeysLine()
    {
        Assert.That(Map(Config).LineOf("$.customRules[0].rules[1].pattern"), Is.EqualTo(17));
    }

    [TestCase("$.customRules[0].rules[0].pattern", 14, TestName = "LineOf_MissingKeyInOneLineObject_IsTheObjectsLine")]
    [TestCase("$.customRules[0].rules[1].supersedes", 15, TestName = "LineOf_MissingKeyInRule_IsTheRulesLine")]
    [TestCase("$.customRules[0].rules[1].remediation.envVar", 19, TestName = "LineOf_MissingKeyInNestedObject_IsThatObjectsLine")]
    [TestCase("$.allow.regexes[7]", 3, TestName = "LineOf_MissingArrayElement_IsTheArraysLine")]
    [TestCase("$.baseline", 1, TestName = "LineOf_MissingTopLevelKey_IsTheDocumentsLine")]
    [TestCase("$.customRules[3].rules[0]", 10, TestName = "LineOf_MissingParentToo_IsTheNearestAncestorsLine")]
    public void LineOf_MissingValue_FallsBackToTheNearestParent(string path, int line)
    {
        Assert.That(Map(Config).LineOf(path), Is.EqualTo(line));
    }

    [Test]
    public void LineOf_CommentsBeforeAndBetweenValues_DoNotShiftLines()
    {
        const string json = """
            // line 1
            /* line 2
               line 3 */
            { // line 4
              "exclude": [ /* "not", "values" */
                "a", // line 6
                /* line 7 */ "b",
              ],
            }
            """;

        var map = Map(json);

        Assert.That((map.LineOf("$"), map.LineOf("$.exclude"), map.LineOf("$.exclude[0]"), map.LineOf("$.exclude[1]"), map.LineOf("$.exclude[2]")),
            Is.EqualTo((4, 5, 6, 7, 5)));
    }

    [Test]
    public void LineOf_CrlfFile_CountsLinesAsLf()
    {
        var map = Map(Config.ReplaceLineEndings("\r\n"));

        Assert.That((map.LineOf("$.allow.regexes[2]"), map.LineOf("$.customRules[0].rules[1].remediation.revokeUrl")), Is.EqualTo((6, 20)));
    }

    [Test]
    public void LineOf_MultiByteCharactersBefore_DoNotShiftLines()
    {
        var map = Map("{\n  \"a\": \"ünïcödé ✓ 𝄞\",\n  \"b\": [\n    \"ß\", \"c\"\n  ]\n}");

        Assert.That((map.LineOf("$.a"), map.LineOf("$.b[1]")), Is.EqualTo((2, 4)));
    }

    [TestCase(null, "$.customRules[0].rules[1]")]
    [TestCase("pattern", "$.customRules[0].rules[1].pattern")]
    [TestCase("remediation.revokeUrl", "$.customRules[0].rules[1].remediation.revokeUrl")]
    public void Child_Property_IsDottedUnderTheParent(string? property, string path)
    {
        Assert.That(JsonLineMap.Child("$.customRules[0].rules[1]", property), Is.EqualTo(path));
    }
}
