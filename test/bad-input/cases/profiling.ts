/**
 * Bad input to the profiler's commands (`profile`, `report`, and the default command's `--profile`):
 * missing or unreadable sources, CSV files that are not delimited text, profile files that are not
 * profiles, options that make no sense. Each fails with one line before anything is written: no rules
 * file, no report, no output directory.
 */
import type { BadInputCase } from '../case.js'

const CSV = 'id,amount,status\n1,10.5,new\n2,7.25,paid\n3,99.00,paid\n'

function profiling(name: string, c: Omit<BadInputCase, 'name' | 'group'> & { group?: BadInputCase['group'] }): BadInputCase {
  return { group: 'usage', ...c, name: `profiling: ${name}` }
}

export const profilingCases: BadInputCase[] = [
  profiling('profile with neither --db nor --csv', { args: ['profile', '--out', '{tmp}/rules.yaml'], exit: 2, code: 'TDG_USAGE', expect: [/--db <url> or --csv/] }),
  profiling('profile of a CSV file that does not exist', { args: ['profile', '--csv', '{tmp}/nope.csv', '--out', '{tmp}/rules.yaml'], exit: 2, code: 'TDG_FILE_READ', expect: [/nope\.csv: no such file/] }),
  profiling('profile of an empty CSV file', { args: ['profile', '--csv', '{tmp}/empty.csv', '--out', '{tmp}/rules.yaml'], setup: { files: { 'empty.csv': '' } }, exit: 2, code: 'TDG_CSV_INVALID', expect: [/empty\.csv/] }),
  profiling('profile of a directory without CSV files', { args: ['profile', '--csv', '{tmp}/docs', '--out', '{tmp}/rules.yaml'], setup: { files: { 'docs/readme.md': '# notes\n' } }, exit: 2, code: 'TDG_CSV_INVALID', expect: [/no \.csv or \.tsv files/] }),
  profiling('profile --scale 0', { args: ['profile', '--csv', '{tmp}/data.csv', '--scale', '0', '--out', '{tmp}/rules.yaml'], setup: { files: { 'data.csv': CSV } }, exit: 2, code: 'TDG_USAGE', expect: [/--scale '0'/] }),
  profiling('profile --sample that is no number', { args: ['profile', '--csv', '{tmp}/data.csv', '--sample', 'lots', '--out', '{tmp}/rules.yaml'], setup: { files: { 'data.csv': CSV } }, exit: 2, code: 'TDG_USAGE', expect: [/--sample 'lots'/] }),
  profiling('profile of a table the database does not have', { args: ['profile', '--db', '{pg}', '--tables', 'nope', '--out', '{tmp}/rules.yaml'], setup: { postgres: 'CREATE TABLE t (id int PRIMARY KEY);' }, exit: 2, code: 'TDG_TABLE_NOT_FOUND', expect: [/nope/] }),
  profiling('report of a profile file that is no profile', { args: ['report', '--source', '{tmp}/rules.json', '--target', '{tmp}/data.csv', '--out', '{tmp}/report.html'], setup: { files: { 'rules.json': '{"tables": {}}', 'data.csv': CSV } }, exit: 2, code: 'TDG_PROFILE_INVALID', expect: [/rules\.json/] }),
  profiling('report without --target', { args: ['report', '--source', '{tmp}/data.csv', '--out', '{tmp}/report.html'], setup: { files: { 'data.csv': CSV } }, exit: 2, code: 'TDG_USAGE', expect: [/--target/] }),
  profiling('--profile together with --schema', { args: ['--profile', '{tmp}/data.csv', '--schema', '{repo}/examples/shop.sql', '--output', '{out}'], setup: { files: { 'data.csv': CSV } }, exit: 2, code: 'TDG_USAGE', expect: [/exactly one of --schema/] }),
  profiling('--profile --rules naming a rules file tdg profile did not write', { group: 'rules', args: ['--profile', '{tmp}/data.csv', '--rules', '{tmp}/mine.yaml', '--output', '{out}'], setup: { files: { 'data.csv': CSV, 'mine.yaml': 'tables: {}\n' } }, exit: 2, code: 'TDG_USAGE', expect: [/mine\.yaml: the file exists and was not written by tdg profile/] }),
]
