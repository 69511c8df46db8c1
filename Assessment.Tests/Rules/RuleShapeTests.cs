using System.Linq.Expressions;
using Assessment.Rules.Engine;
using NRules.RuleModel;

namespace Assessment.Tests.Rules;

/// <summary>How rules are written, checked on the loaded definitions.</summary>
public sealed class RuleShapeTests
{
    [Fact]
    public void Rules_HaveNoLambdaInsideTheirExpressions()
    {
        // NRules compiles each condition, binding and action with Expression.Compile. A lambda written inside one
        // (rows.Where(r => ...)) becomes a delegate that the compiled code creates through reflection every time it
        // runs: a quarter of a second of a 20,000-unit run (docs/performance.md). Rules call a method instead.
        var offenders = new List<string>();
        var expressions = 0;
        foreach (var rule in RuleInventory.Definitions)
        {
            foreach (var e in Expressions(rule.LeftHandSide).Concat(Expressions(rule.RightHandSide)))
            {
                expressions++;
                if (NestedLambdas(e) > 0)
                {
                    offenders.Add($"{rule.Name}: {e}");
                }
            }
        }

        expressions.Should().BeGreaterOrEqualTo(2 * RuleInventory.Definitions.Count, "every rule joins a fact to its unit and has an action");
        offenders.Should().BeEmpty();
    }

    [Fact]
    public void NestedLambdas_FindsALambdaInsideAnExpression()
    {
        Expression<Func<int[], int>> nested = xs => xs.Count(x => x > 0);
        Expression<Func<int[], int>> flat = xs => xs.Length;

        NestedLambdas(nested).Should().Be(1);
        NestedLambdas(flat).Should().Be(0);
    }

    private static IEnumerable<LambdaExpression> Expressions(RuleElement element) => element switch
    {
        GroupElement g => g.ChildElements.SelectMany(Expressions),
        PatternElement p => p.Expressions.Select(x => x.Expression).Concat(p.Source is null ? [] : Expressions(p.Source)),
        ActionGroupElement a => a.Actions.Select(x => x.Expression),
        ExpressionElement x => [x.Expression],
        _ => throw new NotSupportedException($"a rule element the check does not know: {element.GetType().Name}"),
    };

    /// <summary>The lambdas inside an expression's body (the expression itself not counted).</summary>
    private static int NestedLambdas(LambdaExpression e)
    {
        var counter = new LambdaCounter();
        counter.Visit(e.Body);
        return counter.Count;
    }

    private sealed class LambdaCounter : ExpressionVisitor
    {
        public int Count { get; private set; }

        protected override Expression VisitLambda<T>(Expression<T> node)
        {
            Count++;
            return base.VisitLambda(node);
        }
    }
}
