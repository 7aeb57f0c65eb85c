import type { opsEn } from "./ops.en.ts";

export const opsZhCN: Record<keyof typeof opsEn, string> = {
  "install.done": "Lastword 已安装到您的工作区。请在频道中输入 /lastword help，设置该频道的领导班子。",
  "install.failed": "Lastword 未能安装：链接可能已过期，或在其他浏览器中打开。请从安装页面重新开始。",
};
