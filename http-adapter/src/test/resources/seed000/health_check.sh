#!/bin/bash
# health_check.sh

API_BASE="http://localhost:8000/api/alerts"

echo "🏥 알림 시스템 헬스체크 시작..."

# 헬스체크 API 호출
HEALTH_STATUS=$(curl -s "${API_BASE}/health" | jq -r '.status')

if [ "$HEALTH_STATUS" = "healthy" ]; then
    echo "✅ 알림 시스템 정상 동작 중"
else
    echo "❌ 알림 시스템 상태 이상: $HEALTH_STATUS"
    # 추가적인 알림 로직 (예: 이메일 전송)
fi

# 통계 정보 출력
echo "📊 현재 알림 통계:"
curl -s "${API_BASE}/statistics" | jq '.total_alerts, .alerts_sent_today, .alert_rate_per_hour'
