using TutorApp.Domain.Content;

namespace TutorApp.UnitTests.Content;

public sealed class SkillGraphTests
{
    [Fact]
    public void A_DAG_has_no_cycle()
    {
        Assert.Null(SkillGraph.FindCycle([("Division", "Multiplication"), ("Multiplication", "Addition"), ("Fractions", "Division"), ("Fractions", "Addition")]));
    }

    [Fact]
    public void A_cycle_is_returned_with_its_members_in_order()
    {
        var cycle = SkillGraph.FindCycle([("A", "B"), ("B", "C"), ("C", "A"), ("C", "D")]);

        Assert.NotNull(cycle);
        Assert.Equal(cycle![0], cycle[^1]);
        Assert.Equal(4, cycle.Count);
        Assert.Equal("A → B → C → A", SkillGraph.Describe(cycle));
    }

    [Fact]
    public void A_skill_requiring_itself_is_a_cycle()
    {
        Assert.Equal(["A", "A"], SkillGraph.FindCycle([("A", "A")]));
    }
}
