import { describe, expect, it } from "vitest";
import {
  checkinMessage,
  escalationMessage,
  listLabel,
  reminderText,
  statusLabel,
} from "../../../../src/domain/checkin/message.ts";
import { DEFAULT_CHECKIN_SETTINGS, readCheckinSettings } from "../../../../src/domain/checkin/settings.ts";
import { member, trEn, trZh } from "./support.ts";

const Q4 = { year: 2026, q: 4 } as const;
const deputy = member("UWANG", 2, { title: "Executive Deputy Mayor", powers: ["finance", "personnel"] });

describe("checkinMessage", () => {
  it("names the leader's title, portfolio, the quarter's task and both halves of the duty (English)", () => {
    const m = checkinMessage({ quarter: Q4, member: deputy, settings: DEFAULT_CHECKIN_SETTINGS, tr: trEn });
    expect(m.title).toBe("Duty check-in for Q4 2026");
    expect(m.body).toEqual([
      "<@UWANG>, Executive Deputy Mayor: here is your duty check-in for Q4 2026.",
      "This quarter's task: Carry out the year-end inspection of responsibility for integrity in the departments you oversee.",
      "Please answer by the end of 31 December 2026.",
    ]);
    expect(m.area).toBe("the areas you oversee, including finance and personnel");
    expect(m.duties.work).toContain("the work of the areas you oversee, including finance and personnel");
    expect(m.duties.integrity).toContain(
      "integrity in the areas you oversee, including finance and personnel",
    );
    expect(m.deadline).toEqual({ year: 2026, month: 12, day: 31 });
  });

  it("speaks the official register in Chinese", () => {
    const m = checkinMessage({
      quarter: { year: 2027, q: 1 },
      member: deputy,
      settings: DEFAULT_CHECKIN_SETTINGS,
      tr: trZh,
    });
    expect(m.title).toBe("2027年第1季度“一岗双责”履职提醒");
    expect(m.body[0]).toBe(
      "<@UWANG>（Executive Deputy Mayor）：现将您2027年第1季度履行“一岗双责”的事项提醒如下。",
    );
    expect(m.body[1]).toBe("本季度任务：听取一次分管部门党风廉政建设工作汇报。");
    expect(m.body[2]).toBe("请于2027年3月31日前完成并确认。");
    expect(m.area).toBe("分管领域（含财务、人事）");
    expect(m.duties.work).toBe(
      "业务工作：对分管领域（含财务、人事）的业务工作负领导责任，抓部署、抓落实、见成效。",
    );
    expect(m.duties.integrity).toBe(
      "廉政建设：对分管领域（含财务、人事）的党风廉政建设负领导责任，与业务工作同部署、同落实、同检查、同考核。",
    );
  });

  it("has a default task for each of the four quarters", () => {
    const tasks = ([1, 2, 3, 4] as const).map(
      (q) =>
        checkinMessage({
          quarter: { year: 2027, q },
          member: deputy,
          settings: DEFAULT_CHECKIN_SETTINGS,
          tr: trZh,
        }).task,
    );
    expect(tasks).toEqual([
      "听取一次分管部门党风廉政建设工作汇报。",
      "对分管部门党风廉政建设工作开展一次半年检查分析。",
      "与分管部门负责人开展一次廉政谈话。",
      "对分管部门开展一次年终党风廉政建设责任制检查。",
    ]);
  });

  it("uses the team's own text for a quarter when set, and the default for the others or a blank one", () => {
    const settings = {
      ...DEFAULT_CHECKIN_SETTINGS,
      texts: { q3: "Talk with each bureau chief about the audit findings.", q4: "  " },
    };
    expect(checkinMessage({ quarter: { year: 2027, q: 3 }, member: deputy, settings, tr: trZh }).task).toBe(
      "Talk with each bureau chief about the audit findings.",
    );
    expect(checkinMessage({ quarter: Q4, member: deputy, settings, tr: trEn }).task).toMatch(
      /^Carry out the year-end inspection/,
    );
  });

  it("speaks of the areas overseen when the roster records no key powers, and greets without a title", () => {
    const plain = member("ULI", 3);
    const m = checkinMessage({ quarter: Q4, member: plain, settings: DEFAULT_CHECKIN_SETTINGS, tr: trEn });
    expect(m.body[0]).toBe("<@ULI>: here is your duty check-in for Q4 2026.");
    expect(m.area).toBe("the areas you oversee");
    expect(
      checkinMessage({ quarter: Q4, member: plain, settings: DEFAULT_CHECKIN_SETTINGS, tr: trZh }).area,
    ).toBe("分管领域");
  });

  it("gives the numbered deadline day", () => {
    const settings = readCheckinSettings({ deadlineDay: 15 });
    expect(checkinMessage({ quarter: Q4, member: deputy, settings, tr: trEn }).body[2]).toBe(
      "Please answer by the end of 15 December 2026.",
    );
  });
});

describe("other texts", () => {
  it("lists in each language's way", () => {
    expect(listLabel([], trEn)).toBe("");
    expect(listLabel(["finance"], trEn)).toBe("finance");
    expect(listLabel(["finance", "personnel", "projects"], trEn)).toBe("finance, personnel and projects");
    expect(listLabel(["财务", "人事", "工程项目"], trZh)).toBe("财务、人事、工程项目");
  });

  it("reminds with the task and the deadline", () => {
    expect(reminderText({ quarter: Q4, settings: DEFAULT_CHECKIN_SETTINGS, tr: trEn })).toBe(
      "Reminder: your Q4 2026 check-in is due by the end of 31 December 2026. This quarter's task: Carry out the year-end inspection of responsibility for integrity in the departments you oversee.",
    );
  });

  it("escalates naming each overdue leader", () => {
    const e = escalationMessage({
      quarter: Q4,
      settings: DEFAULT_CHECKIN_SETTINGS,
      channel: "CTEAM",
      overdue: [deputy, member("ULI", 3)],
      tr: trZh,
    });
    expect(e.title).toBe("2026年第4季度履职事项逾期未确认情况");
    expect(e.body).toBe(
      "截至2026年12月31日，<#CTEAM> 班子中以下成员未确认2026年第4季度履职事项（共 2 人）：",
    );
    expect(e.lines).toEqual(["• <@UWANG>（Executive Deputy Mayor）", "• <@ULI>"]);
    expect(statusLabel("overdue", trEn)).toBe("overdue");
  });
});

describe("settings", () => {
  it("reads stored settings, defaulting what is missing or out of range", () => {
    expect(readCheckinSettings({})).toEqual(DEFAULT_CHECKIN_SETTINGS);
    expect(readCheckinSettings(null)).toEqual(DEFAULT_CHECKIN_SETTINGS);
    expect(
      readCheckinSettings({
        sendDay: 31,
        sendHour: 25,
        deadlineDay: "soon",
        reminderDaysBefore: -1,
        excluded: "U1",
        texts: [],
      }),
    ).toEqual(DEFAULT_CHECKIN_SETTINGS);
    expect(
      readCheckinSettings({
        sendDay: 3,
        sendHour: 8,
        deadlineDay: 28,
        reminderDaysBefore: 3,
        excluded: ["U1", "U1"],
        texts: { q2: "x" },
      }),
    ).toEqual({
      sendDay: 3,
      sendHour: 8,
      deadlineDay: 28,
      reminderDaysBefore: 3,
      excluded: ["U1"],
      texts: { q2: "x" },
    });
  });
});
