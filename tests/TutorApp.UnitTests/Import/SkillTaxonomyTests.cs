using TutorApp.Domain.Content.Import;

namespace TutorApp.UnitTests.Import;

public sealed class SkillTaxonomyTests
{
    [Fact]
    public void Skills_are_sorted_by_name_and_unique()
    {
        var names = SkillTaxonomy.Skills.Select(s => s.Name).ToList();

        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(SkillTaxonomy.Skills, s => Assert.False(string.IsNullOrWhiteSpace(s.Description)));
    }

    [Fact]
    public void Prerequisites_name_skills_of_the_taxonomy_and_form_a_dag()
    {
        var byName = SkillTaxonomy.Skills.ToDictionary(s => s.Name);
        var visiting = new HashSet<string>();
        var done = new HashSet<string>();

        void Visit(string name)
        {
            Assert.True(byName.ContainsKey(name), name);
            Assert.True(visiting.Add(name), $"cycle through {name}");
            foreach (var prerequisite in byName[name].Prerequisites.Where(p => !done.Contains(p)))
            {
                Visit(prerequisite);
            }
            visiting.Remove(name);
            done.Add(name);
        }

        foreach (var skill in SkillTaxonomy.Skills)
        {
            Visit(skill.Name);
        }
    }

    [Fact]
    public void Division_requires_multiplication()
    {
        Assert.Contains(SkillTaxonomy.Multiplication, SkillTaxonomy.Skills.Single(s => s.Name == SkillTaxonomy.Division).Prerequisites);
    }

    [Fact]
    public void With_prerequisites_adds_every_prerequisite_transitively()
    {
        var names = SkillTaxonomy.WithPrerequisites([SkillTaxonomy.Percentages]).Select(s => s.Name).ToList();

        Assert.Equal(
            [SkillTaxonomy.Addition, SkillTaxonomy.Decimals, SkillTaxonomy.Division, SkillTaxonomy.Fractions, SkillTaxonomy.Multiplication,
                SkillTaxonomy.Percentages, SkillTaxonomy.Subtraction],
            names);
    }
}
