import { sol } from '../records';
import type { GoldSpec } from './types';

const rows = (text: string) => text.split('\n').map((row) => row.split(',').map((cell) => Number(cell.trim())));
const show = (grid: number[][]) => grid.map((row) => row.join(', ')).join('\n');

export const spec: GoldSpec = {
  gold: (record) => '\n' + sol<string>(record, 'solution') + '\n',
  perturb: (record) => {
    const grid = rows(sol<string>(record, 'solution'));
    const wrongCell = grid.map((row) => [...row]);
    wrongCell[0][0] = wrongCell[0][0] === 2 ? 4 : 2;
    const missingRow = grid.slice(0, -1);
    return [show(wrongCell), show(missingRow), show(grid) + ', 0'];
  },
};
