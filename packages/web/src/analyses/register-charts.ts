import { BarChart, SankeyChart } from 'echarts/charts';
import { LegendComponent, MarkAreaComponent } from 'echarts/components';
import { use } from 'echarts/core';

// The analyses' charts, loaded with the analyses rather than with the map.
use([BarChart, SankeyChart, LegendComponent, MarkAreaComponent]);
