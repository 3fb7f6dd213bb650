/** Generated Python (boto3): the skill's functions for the e-commerce design, and Python compiles it, odd names included. */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { codeModel } from '../../../src/design/codegen/model';
import { generatePython } from '../../../src/design/codegen/python';
import { shapeOfSpec } from '../../../src/design/view';
import type { DesignSpec } from '../../../src/model/design';
import { parseTemplate } from '../../../src/model/design';
import { removeDir, scratchDir } from '../../support/codegen';
import { ECOMMERCE_DESIGN, ECOMMERCE_TABLE, ecommerceTable } from '../../support/ecommerceDesign';

const table = shapeOfSpec(ecommerceTable());
const code = generatePython(codeModel(table, ECOMMERCE_DESIGN), { source: 'shop.yaml' });
const dir = scratchDir();
after(() => removeDir(dir));

function python(): boolean {
  try { execFileSync('python3', ['--version']); return true; } catch { return false; }
}

/** Compiles the module with `python3 -m py_compile`; the error text when it fails. */
function pyCompile(name: string, text: string): string {
  const file = join(dir, `${name}.py`);
  writeFileSync(file, text);
  try { execFileSync('python3', ['-m', 'py_compile', file], { stdio: 'pipe' }); return ''; } catch (error) { return String((error as { stderr?: Buffer }).stderr ?? error); }
}

describe('Python data-access code', () => {
  it('compiles (py_compile)', { skip: !python() && 'python3 is not installed' }, () => {
    assert.equal(pyCompile('ecommerce', code), '');
  });

  it('has TypedDicts, key builders, create with Attr(PK).not_exists() and one function per pattern', () => {
    assert.ok(code.includes('OrderItem = TypedDict("OrderItem", {'));
    assert.ok(code.includes('def user_key(*, user_id: str) -> Dict[str, Any]:\n    """The primary key of User."""\n    return {"PK": "USER#" + str(user_id), "SK": "PROFILE"}'));
    assert.ok(code.includes('    record["GSI1SK"] = "ORDER#" + str(item["createdAt"])'));
    assert.ok(code.includes('    _the_table().put_item(Item=record, ConditionExpression=Attr("PK").not_exists())'));
    assert.ok(code.includes('        KeyConditionExpression=Key("PK").eq("USER#" + str(user_id)) & Key("SK").begins_with("ORDER#"),'));
    // `from` is a Python keyword: the parameter is from_.
    assert.ok(code.includes('def list_orders_by_date(*, user_id: str, from_: str, to: str, limit: Optional[int] = None, start_key: Optional[Dict[str, Any]] = None, ascending: bool = True) -> Page:'));
    assert.ok(code.includes('Key("GSI1SK").between("ORDER#" + str(from_), "ORDER#" + str(to))'));
    assert.ok(code.includes('        IndexName="GSI2",'));
    assert.ok(code.includes('# Create order: create_order above.'));
  });

  it('compiles with quotes, braces, keywords and names that are not identifiers', { skip: !python() && 'python3 is not installed' }, () => {
    const design: DesignSpec = {
      entities: [{
        name: 'class """x"""', table: ECOMMERCE_TABLE, pointer: '',
        keys: { PK: parseTemplate('T"{my-id}\\{', ''), SK: parseTemplate("it's {n}", ''), GSI1PK: parseTemplate('{opt}', ''), GSI1SK: parseTemplate('X', '') },
        attributes: [{ name: 'my-id', type: 'S', pointer: '' }, { name: 'n', type: 'N', pointer: '' }, { name: 'opt', type: 'S', required: false, pointer: '' }, { name: 'lambda', type: 'SS', pointer: '' }],
      }, ...ECOMMERCE_DESIGN.entities],
      patterns: [...ECOMMERCE_DESIGN.patterns,
        { name: 'Update order', operation: 'update', table: ECOMMERCE_TABLE, entities: ['Order'], keyCondition: ECOMMERCE_DESIGN.patterns[1]!.keyCondition, pointer: '' },
        { name: 'import', operation: 'scan', table: ECOMMERCE_TABLE, keyCondition: [{ attribute: 'n', operator: '>=', values: [parseTemplate('{limit}', '')], pointer: '' }], pointer: '' }],
    };
    const text = generatePython(codeModel(table, design), { source: 'a """ b' });
    assert.equal(pyCompile('odd', text), '');
    // {limit} is a bound on n (it lines up with the entity's n, a number), so it takes a number.
    assert.ok(text.includes('def import_(*, limit2: Union[int, Decimal],'), text.slice(text.indexOf('def import')));
  });
});
