// Finds, in code meant for Espruino, each construct its interpreter lacks
// or runs differently (reference/espruino.md): the Espruino build's output
// must have none. Returns a list of { construct, line } findings.
import { parse } from '@babel/parser';
import traverseModule from '@babel/traverse';

const traverse = traverseModule.default || traverseModule;

/** Globals Espruino does not define. */
const ABSENT_GLOBALS = new Set([
  'Map', 'Set', 'WeakMap', 'WeakSet', 'Symbol', 'Proxy', 'Reflect', 'BigInt', 'queueMicrotask', 'TextEncoder',
  'TextDecoder', 'Buffer', 'process', 'console', 'setImmediate', 'globalThis', 'window', 'RangeError', 'WeakRef',
  'structuredClone',
]);

/** Static members Espruino lacks, as object.member. */
const ABSENT_MEMBERS = new Set([
  'Math.imul', 'Math.trunc', 'Math.sign', 'Math.clz32', 'Number.isNaN', 'Number.isInteger', 'Number.isFinite',
  'Number.isSafeInteger', 'Number.MAX_SAFE_INTEGER', 'Number.MIN_SAFE_INTEGER', 'Array.from', 'Array.of',
  'Object.freeze', 'Object.isFrozen', 'Object.fromEntries', 'Promise.race', 'Promise.allSettled', 'Promise.any',
]);

/** Instance methods Espruino lacks: any call of these names is suspect. */
const ABSENT_METHODS = new Set(['finally', 'flat', 'flatMap', 'at', 'copyWithin']);

/** A regex quantifier Espruino does not support: `?` after an atom, or `{m}`/`{m,n}`. */
function unsupportedQuantifier(pattern) {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '?' && i > 0 && pattern[i - 1] !== '(') return '?';
    else if (c === '{' && /^\{\d+(,\d*)?\}/.test(pattern.slice(i))) return '{m,n}';
  }
  return null;
}

/** `typeof X !== 'undefined' ? X : other`: a use only where X exists. */
function guardedByTypeof(p, name) {
  const parent = p.parent;
  if (parent.type !== 'ConditionalExpression' || parent.consequent !== p.node) return false;
  const test = parent.test;
  return (
    test.type === 'BinaryExpression' &&
    test.left.type === 'UnaryExpression' &&
    test.left.operator === 'typeof' &&
    test.left.argument.type === 'Identifier' &&
    test.left.argument.name === name
  );
}

export function forbiddenConstructs(code) {
  const ast = parse(code, { sourceType: 'script', errorRecovery: false, plugins: [] });
  const found = [];
  const add = (construct, node) => {
    found.push({ construct, line: node.loc ? node.loc.start.line : 0, column: node.loc ? node.loc.start.column : 0 });
  };
  const staticsOf = new Map();
  traverse(ast, {
    Function(p) {
      if (p.node.async) add('async function', p.node);
      if (p.node.generator) add('generator', p.node);
      for (const param of p.node.params) {
        if (param.type === 'AssignmentPattern') add('default parameter', param);
        if (param.type === 'RestElement') add('rest parameter', param);
      }
    },
    AwaitExpression: (p) => add('await', p.node),
    Import: (p) => add('import()', p.node),
    ImportExpression: (p) => add('import()', p.node),
    YieldExpression: (p) => add('yield', p.node),
    ObjectPattern: (p) => add('destructuring', p.node),
    ArrayPattern: (p) => add('destructuring', p.node),
    SpreadElement: (p) => add('spread', p.node),
    RestElement(p) {
      if (p.parent.type !== 'Function') add('rest element', p.node);
    },
    OptionalMemberExpression: (p) => add('optional chaining', p.node),
    OptionalCallExpression: (p) => add('optional chaining', p.node),
    ObjectProperty(p) {
      if (p.node.computed) add('computed property name', p.node);
    },
    ObjectMethod(p) {
      if (p.node.computed) add('computed property name', p.node);
    },
    ClassMethod(p) {
      if (p.node.computed) add('computed property name', p.node);
      if (p.node.static && p.parentPath.parentPath.node.id) {
        const name = p.parentPath.parentPath.node.id.name;
        if (!staticsOf.has(name)) staticsOf.set(name, p.node);
      }
    },
    ClassPrivateProperty: (p) => add('private class member', p.node),
    ClassPrivateMethod: (p) => add('private class member', p.node),
    PrivateName: (p) => add('private class member', p.node),
    StaticBlock: (p) => add('class static block', p.node),
    BinaryExpression(p) {
      if (p.node.operator === '**') add('** operator', p.node);
    },
    AssignmentExpression(p) {
      const op = p.node.operator;
      if (op === '**=') add('**= operator', p.node);
      if (op === '??=' || op === '||=' || op === '&&=') add('logical assignment', p.node);
      const left = p.node.left;
      if (left.type === 'MemberExpression' && !left.computed && left.property.name === 'length') add('assignment to .length', p.node);
    },
    BigIntLiteral: (p) => add('BigInt', p.node),
    LabeledStatement: (p) => add('label', p.node),
    MetaProperty(p) {
      if (p.node.meta.name === 'new') add('new.target', p.node);
    },
    CatchClause(p) {
      if (!p.node.param) add('optional catch binding', p.node);
    },
    RegExpLiteral(p) {
      const q = unsupportedQuantifier(p.node.pattern);
      if (q) add(`regex quantifier ${q}`, p.node);
    },
    Identifier(p) {
      const name = p.node.name;
      if (name === 'of' && !(p.parent.type === 'MemberExpression' && p.parent.property === p.node && !p.parent.computed) && !(p.parent.type === 'ObjectProperty' && p.parent.key === p.node)) {
        add("identifier 'of'", p.node);
      }
      if (ABSENT_GLOBALS.has(name) && p.isReferencedIdentifier() && !p.scope.getBinding(name)) {
        // `typeof X` of an absent global is how code asks whether it exists.
        const asked = p.parent.type === 'UnaryExpression' && p.parent.operator === 'typeof';
        if (!asked && !guardedByTypeof(p, name)) add(`global ${name}`, p.node);
      }
    },
    MemberExpression(p) {
      const { object, property, computed } = p.node;
      if (computed || property.type !== 'Identifier') return;
      if (object.type === 'Identifier' && !p.scope.getBinding(object.name) && ABSENT_MEMBERS.has(`${object.name}.${property.name}`)) {
        add(`${object.name}.${property.name}`, p.node);
      }
      if (ABSENT_METHODS.has(property.name) && p.parent.type === 'CallExpression' && p.parent.callee === p.node) add(`.${property.name}()`, p.node);
    },
    CallExpression(p) {
      const callee = p.node.callee;
      if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'Object' && !callee.computed) {
        const name = callee.property.name;
        if (name === 'create' && p.node.arguments.length > 1) add('Object.create with properties', p.node);
        if (name === 'defineProperty' && p.node.arguments[2] && p.node.arguments[2].type === 'ObjectExpression') {
          const keys = p.node.arguments[2].properties.map((prop) => prop.key && (prop.key.name || prop.key.value));
          if (keys.includes('set') && !keys.includes('get')) add('setter without getter in one defineProperty', p.node);
        }
      }
    },
    ClassDeclaration(p) {
      checkClass(p);
    },
    ClassExpression(p) {
      checkClass(p);
    },
    ForStatement(p) {
      const init = p.node.init;
      if (init && init.type === 'VariableDeclaration' && init.kind !== 'var') {
        let captures = false;
        p.get('body').traverse({ Function() { captures = true; } });
        if (captures) add('per-iteration let captured by a closure', init);
      }
    },
    BlockStatement(p) {
      checkHoisting(p.node.body);
    },
    Program(p) {
      checkHoisting(p.node.body);
    },
  });
  function checkClass(p) {
    const superClass = p.node.superClass;
    if (superClass && superClass.type === 'Identifier') {
      if (/^(Error|TypeError|RangeError|SyntaxError|ReferenceError)$/.test(superClass.name)) add('class extending a built-in error', p.node);
      else if (staticsOf.has(superClass.name)) add('static method inherited by a subclass', p.node);
    }
  }
  function checkHoisting(body) {
    let seenOther = false;
    for (const statement of body) {
      if (statement.type === 'FunctionDeclaration') {
        if (seenOther) add('function declaration after other statements (no hoisting)', statement);
      } else if (!(statement.type === 'ExpressionStatement' && statement.directive)) seenOther = true;
    }
  }
  return found;
}
