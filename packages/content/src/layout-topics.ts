import {
  GROUP_CELL_GAP_PX,
  GROUP_LABEL_HEIGHT_PX,
  GROUP_PADDING_PX,
  type LayoutUnit,
  NODE_HEIGHT_PX,
  NODE_WIDTH_PX,
} from './layout-plan';

type Box = { x: number; y: number; width: number; height: number };

/**
 * The topic boxes of a unit: a topic unit is its own box; a choice group holds its alternatives in a grid
 * under its label strip, the last row centred.
 */
export function placeTopics(unit: LayoutUnit, box: Box): Map<string, Box> {
  const boxes = new Map<string, Box>();
  if (unit.choiceId === undefined) {
    boxes.set(unit.id, box);
    return boxes;
  }
  const rows = Math.ceil(unit.topicIds.length / unit.columns);
  unit.topicIds.forEach((topicId, index) => {
    const row = Math.floor(index / unit.columns);
    const inRow = row === rows - 1 ? unit.topicIds.length - row * unit.columns : unit.columns;
    const rowIndent = ((unit.columns - inRow) * (NODE_WIDTH_PX + GROUP_CELL_GAP_PX)) / 2;
    const column = index % unit.columns;
    boxes.set(topicId, {
      x: Math.round(box.x + GROUP_PADDING_PX + rowIndent + column * (NODE_WIDTH_PX + GROUP_CELL_GAP_PX)),
      y: Math.round(
        box.y + GROUP_LABEL_HEIGHT_PX + GROUP_PADDING_PX + row * (NODE_HEIGHT_PX + GROUP_CELL_GAP_PX),
      ),
      width: NODE_WIDTH_PX,
      height: NODE_HEIGHT_PX,
    });
  });
  return boxes;
}
