using System.Reflection;
using System.Reflection.Emit;

namespace CpAlerts.Tests.Shared;

/// <summary>
/// What compiled code uses, read from the assembly rather than the source: every type each type names in its
/// signatures, and every type, method and field its method bodies touch (the IL's tokens). A fully qualified
/// name, a `global using` or a lambda all show up here, and so does `System.IO.File`, which lives in
/// System.Runtime in the reference pack and so never appears as an assembly reference.
/// </summary>
internal static class CompiledUses
{
    /// <summary>One use: the namespace of the using type (its outermost declaring type's), and what it used.</summary>
    public sealed record Use(string FromNamespace, string FromType, string ToNamespace, string ToType, string? Member)
    {
        public override string ToString() => $"{FromType} uses {ToType}{(Member is null ? "" : "." + Member)}";
    }

    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    public static IReadOnlyList<Use> Of(Assembly assembly) => [.. assembly.GetTypes().SelectMany(Uses).Distinct()];

    /// <summary>A type's uses, its nested types' (lambdas, iterators, async methods) included.</summary>
    public static IReadOnlyList<Use> Of(Type type) => [.. type.GetNestedTypes(Declared).SelectMany(Of).Concat(Uses(type)).Distinct()];

    private static IEnumerable<Use> Uses(Type type)
    {
        var outer = type;
        while (outer.DeclaringType is { } d)
        {
            outer = d;
        }

        var from = (Namespace: outer.Namespace ?? "", Name: outer.FullName ?? outer.Name);
        var named = new List<(Type Type, string? Member)>();
        void Name(Type? t, string? member = null)
        {
            if (t is null)
            {
                return;
            }

            if (t.HasElementType)
            {
                Name(t.GetElementType(), member);
                return;
            }

            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                foreach (var argument in t.GetGenericArguments())
                {
                    Name(argument);
                }

                t = t.GetGenericTypeDefinition();
            }

            if (!t.IsGenericParameter)
            {
                named.Add((t, member));
            }
        }

        Name(type.BaseType);
        foreach (var i in type.GetInterfaces())
        {
            Name(i);
        }

        foreach (var field in type.GetFields(Declared))
        {
            Name(field.FieldType);
        }

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo m)
            {
                Name(m.ReturnType);
            }

            foreach (var p in method.GetParameters())
            {
                Name(p.ParameterType);
            }

            foreach (var token in Tokens(method))
            {
                switch (Resolve(method, token))
                {
                    case Type t:
                        Name(t);
                        break;
                    case MemberInfo member:
                        Name(member.DeclaringType, member.Name);
                        break;
                }
            }
        }

        return named.Select(n => new Use(from.Namespace, from.Name, n.Type.Namespace ?? "", n.Type.FullName ?? n.Type.Name, n.Member)).Distinct();
    }

    private static MemberInfo? Resolve(MethodBase method, int token)
    {
        try
        {
            return method.Module.ResolveMember(token, method.DeclaringType?.GetGenericArguments(), method.IsGenericMethod ? method.GetGenericArguments() : null);
        }
        catch (ArgumentException)
        {
            return null; // a string or signature token, or generic context the resolver cannot supply
        }
    }

    /// <summary>The metadata tokens in a method body: each instruction's operand where it names a type, method or field.</summary>
    private static IEnumerable<int> Tokens(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        for (var at = 0; at < il.Length;)
        {
            var code = il[at] == 0xFE ? TwoByte[il[at + 1]] : OneByte[il[at]];
            at += il[at] == 0xFE ? 2 : 1;
            switch (code.OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok:
                    yield return BitConverter.ToInt32(il, at);
                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                default:
                    at += OperandSize(code.OperandType);
                    break;
            }
        }
    }

    private static int OperandSize(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    private static readonly OpCode[] OneByte = new OpCode[256], TwoByte = new OpCode[256];

#pragma warning disable CA1810 // the opcode tables are filled from OpCodes' fields once
    static CompiledUses()
#pragma warning restore CA1810
    {
        foreach (var code in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!))
        {
            var value = (ushort)code.Value;
            if (code.Size == 1)
            {
                OneByte[value] = code;
            }
            else
            {
                TwoByte[value & 0xFF] = code;
            }
        }
    }
}
