#!/bin/bash
# setup_alerting.sh

API_BASE="http://localhost:8000/api/alerts"

echo "🔧 통합 알림 시스템 초기 설정 시작..."

# 기본 알림 규칙들 생성
curl -X POST "${API_BASE}/rules" \
  -H "Content-Type: application/json" \
  -d '{
    "name": "cpu_usage_high",
    "description": "CPU 사용률 80% 이상",
    "condition": "greater_than",
    "threshold": {"metric": "cpu_usage", "value": 80.0, "duration_minutes": 5},
    "severity": "high",
    "channels": ["email", "discord"],
    "cooldown_minutes": 30,
    "enabled": true
  }'

curl -X POST "${API_BASE}/rules" \
  -H "Content-Type: application/json" \
  -d '{
    "name": "memory_usage_critical",
    "description": "메모리 사용률 90% 이상",
    "condition": "greater_than",
    "threshold": {"metric": "memory_usage", "value": 90.0, "duration_minutes": 2},
    "severity": "critical",
    "channels": ["email", "discord"],
    "cooldown_minutes": 15,
    "enabled": true
  }'

echo "✅ 알림 시스템 초기 설정 완료!"
